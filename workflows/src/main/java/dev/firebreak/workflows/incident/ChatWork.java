package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.notify.MessageControls;

/**
 * One item of an incident's chat outbox. Posts carry their idempotency key from the moment they are
 * queued, so a retried delivery (or a replay) can never post twice.
 */
record ChatWork(
    Kind kind,
    String key,
    String text,
    boolean threaded,
    String bookmark,
    String subjectId,
    MessageControls controls) {

  enum Kind {
    ANNOUNCE,
    REFRESH,
    POST,
    APPROVAL
  }

  static ChatWork announce() {
    return new ChatWork(Kind.ANNOUNCE, null, null, false, null, null, null);
  }

  static ChatWork refresh() {
    return new ChatWork(Kind.REFRESH, null, null, false, null, null, null);
  }

  static ChatWork post(String key, String text, boolean threaded) {
    return post(key, text, threaded, null);
  }

  /** A post carrying {@code controls} (a playbook's checklist and buttons, an Undo button). */
  static ChatWork post(String key, String text, boolean threaded, MessageControls controls) {
    return new ChatWork(Kind.POST, key, text, threaded, null, null, controls);
  }

  /** A post that is also bookmarked in its channel, under {@code bookmark}. */
  static ChatWork bookmarkedPost(String key, String text, String bookmark) {
    return new ChatWork(Kind.POST, key, text, false, bookmark, null, null);
  }

  /** A question with Approve and Refuse buttons whose value is {@code subjectId}. */
  static ChatWork approval(String key, String subjectId, String text) {
    return new ChatWork(Kind.APPROVAL, key, text, false, null, subjectId, null);
  }
}
