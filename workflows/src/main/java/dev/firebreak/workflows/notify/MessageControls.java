package dev.firebreak.workflows.notify;

import dev.firebreak.workflows.playbook.PlaybookSpec;

/**
 * What a chat message offers beside its text, for a provider that can draw controls (Slack's Block
 * Kit); a provider that cannot shows the text alone, which says the same. The workflow names what
 * to offer and the chat activity draws it, so the layout never becomes part of a workflow's
 * history.
 *
 * @param playbook the playbook whose checklist (as checkboxes) and action buttons the message
 *     carries; null when it carries none
 * @param undoRunId the succeeded action run an "Undo" button reverts; null when there is none
 */
public record MessageControls(PlaybookSpec playbook, String undoRunId) {

  public static MessageControls playbook(PlaybookSpec playbook) {
    return new MessageControls(playbook, null);
  }

  public static MessageControls undo(String runId) {
    return new MessageControls(null, runId);
  }
}
