package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.notify.MessageControls;
import dev.firebreak.workflows.playbook.PlaybookSpec;
import java.time.Instant;

/**
 * What attaching a playbook and ticking its checklist change and say: the incident's playbook, a
 * timeline line, and (for a command) a message in the incident's thread.
 */
final class Playbooks {

  private Playbooks() {}

  /** The playbook that matched when the incident was declared, recorded as its first step. */
  static void matchedAtDeclaration(Incident incident, PlaybookSpec playbook) {
    incident.playbook = IncidentPlaybook.of(playbook, null);
    incident.record(
        incident.declaredAt(),
        "playbook",
        null,
        "Playbook " + describe(playbook) + " applies (it matched the declaration)");
  }

  /**
   * Posts the playbook that matched at declaration (its symptoms and checklist) under the incident
   * message. A new command, so a run asks {@link IncidentVersions#PLAYBOOK_CARD} first, and only
   * when it has such a playbook.
   */
  static void postMatched(Incident incident, ChatLane chat, IncidentChanges changes) {
    if (incident.playbook == null
        || incident.playbook.attachedBy() != null
        || !changes.on(IncidentVersions.PLAYBOOK_CARD)) {
      return;
    }
    PlaybookSpec playbook = incident.playbook.spec();
    chat.post(
        "playbook",
        "📖 Playbook " + describe(playbook) + card(playbook),
        true,
        MessageControls.playbook(playbook));
  }

  static void attach(Incident incident, PlaybookAttachment attachment, Instant now, ChatLane chat) {
    PlaybookSpec playbook = attachment.playbook();
    String previous = incident.playbook == null ? null : incident.playbook.spec().name();
    incident.playbook = IncidentPlaybook.of(playbook, attachment.by());
    String text =
        "Playbook "
            + describe(playbook)
            + " attached"
            + (previous == null ? "" : " (instead of " + previous + ")");
    incident.record(now, "playbook", attachment.by(), text);
    chat.post(
        "playbook",
        "📖 " + text + " by " + attachment.by() + card(playbook),
        true,
        MessageControls.playbook(playbook));
  }

  static void tick(Incident incident, ChecklistTick tick, Instant now, ChatLane chat) {
    String step = incident.playbook.checklist().get(tick.item() - 1).text();
    incident.playbook = incident.playbook.ticked(tick.item(), tick.by(), now);
    String text = "Checklist " + tick.item() + " done: " + step;
    incident.record(now, "checklist", tick.by(), text);
    chat.post("checklist", "☑️ " + text + " (" + tick.by() + ")", true);
  }

  private static String describe(PlaybookSpec playbook) {
    return playbook.name().equals(playbook.title())
        ? playbook.name()
        : playbook.name() + " (" + playbook.title() + ")";
  }

  /** The symptoms and the checklist, as the thread shows them under the attachment. */
  private static String card(PlaybookSpec playbook) {
    StringBuilder text = new StringBuilder();
    if (playbook.symptoms() != null && !playbook.symptoms().isBlank()) {
      text.append("\n*Symptoms:* ").append(playbook.symptoms());
    }
    for (int i = 0; i < playbook.checklist().size(); i++) {
      text.append("\n").append(i + 1).append(". ").append(playbook.checklist().get(i));
    }
    return text.toString();
  }
}
