package dev.firebreak.workflows.incident;

import io.temporal.workflow.Workflow;

/**
 * Holds a command that arrived before the declaration's first workflow task until the incident has
 * been announced, so the room exists, the timeline starts with the declaration and the command's
 * message follows the announcement (see {@link IncidentVersions#DECLARATION_FIRST}). Once the
 * incident is declared, every command passes at once and nothing is recorded.
 */
final class DeclarationGate {

  private final IncidentChanges changes;
  private boolean declared;

  /**
   * Who acknowledged while the declaration was still waiting for its first workflow task; null
   * otherwise.
   */
  private String acknowledgedFirstBy;

  /**
   * @param declared whether the run resumes an incident that was announced before
   */
  DeclarationGate(boolean declared, IncidentChanges changes) {
    this.changes = changes;
    this.declared = declared;
  }

  /** The declaration has been announced (and paged): waiting commands go on. */
  void open() {
    declared = true;
  }

  /** Waits until the incident has been announced; returns at once once it has. */
  void await() {
    if (waits()) {
      Workflow.await(() -> declared);
    }
  }

  /**
   * Like {@link #await()} for an acknowledgement, which the declaration must hear of first: the
   * first to acknowledge early is why nobody is paged.
   *
   * @return whether the acknowledgement waited (it must then check again that nobody else
   *     acknowledged meanwhile)
   */
  boolean awaitAcknowledgement(String by) {
    if (!waits()) {
      return false;
    }
    if (acknowledgedFirstBy == null) {
      acknowledgedFirstBy = by;
    }
    Workflow.await(() -> declared);
    return true;
  }

  /** Who acknowledged before the declaration was announced; null when nobody did. */
  String acknowledgedBeforeDeclaration() {
    return acknowledgedFirstBy;
  }

  private boolean waits() {
    return !declared && changes.on(IncidentVersions.DECLARATION_FIRST);
  }
}
