package dev.firebreak.workflows.incident;

/**
 * What Temporal's UI shows as an incident workflow's details: the declaration in Markdown. Written
 * once here for every way of declaring (the starter's start and {@link ChildIncident}), so an
 * incident a job or a window declared reads like one a person declared.
 */
public final class DeclarationDetails {

  private DeclarationDetails() {}

  public static String markdown(Declaration d) {
    StringBuilder md =
        new StringBuilder()
            .append("**")
            .append(d.id())
            .append("** — ")
            .append(d.title())
            .append("\n\n")
            .append("- Severity: ")
            .append(d.severity())
            .append('\n')
            .append("- Service: ")
            .append(d.service())
            .append('\n')
            .append("- Declared by: ")
            .append(d.declaredBy())
            .append('\n');
    if (d.commander() != null) {
      md.append("- Commander: ").append(d.commander()).append('\n');
    }
    if (d.description() != null) {
      md.append('\n').append(d.description()).append('\n');
    }
    return md.toString();
  }
}
