package dev.firebreak.workflows.playbook;

/** The kinds of value an action parameter accepts. */
public enum ParameterType {
  /** Free text, optionally constrained by {@link ParameterSpec#pattern()}. */
  STRING,
  /** A whole number within {@link ParameterSpec#min()} and {@link ParameterSpec#max()}. */
  INTEGER,
  /** One or more comma-separated values, each matching {@link ParameterSpec#pattern()}. */
  LIST,
  /** {@code <from>/<to>} as ISO-8601 instants, at most {@link ParameterSpec#max()} seconds long. */
  TIME_RANGE
}
