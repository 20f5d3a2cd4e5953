package dev.firebreak.workflows.rollback;

/** A person approving or refusing a rollback or an action run that waits for approval. */
public record Approval(String by, String comment) {

  /** Who decided, and what they said when they said something: {@code bob: go} or {@code bob}. */
  public String described() {
    return comment == null || comment.isBlank() ? by : by + ": " + comment;
  }
}
