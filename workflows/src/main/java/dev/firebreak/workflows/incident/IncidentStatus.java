package dev.firebreak.workflows.incident;

/** Where an incident is in its lifecycle, in the order the runbooks walk through it. */
public enum IncidentStatus {
  DECLARED,
  ACKNOWLEDGED,
  ASSESSING,
  MITIGATING,
  MONITORING,
  POST_MORTEM,
  CLOSED;

  /** Open means someone is still working on it: updates are due and escalation can fire. */
  public boolean isOpen() {
    return this == DECLARED || this == ACKNOWLEDGED || this == ASSESSING || this == MITIGATING;
  }

  public String label() {
    return switch (this) {
      case DECLARED -> "Declared";
      case ACKNOWLEDGED -> "Acknowledged";
      case ASSESSING -> "Assessing";
      case MITIGATING -> "Mitigating";
      case MONITORING -> "Monitoring";
      case POST_MORTEM -> "Post-mortem";
      case CLOSED -> "Closed";
    };
  }
}
