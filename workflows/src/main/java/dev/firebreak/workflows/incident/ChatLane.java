package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.notify.ApprovalRequest;
import dev.firebreak.workflows.notify.IncidentCard;
import dev.firebreak.workflows.notify.MessageControls;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.ThreadMessage;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The incident's chat outbox: work in the order people must read it, drained one item at a time by
 * its own lane so a slow or failing Slack never delays a page or a command's answer. Several card
 * refreshes queued while one waits collapse into one; each post carries its idempotency key from
 * the moment it is queued.
 */
final class ChatLane {

  /**
   * The chat state carried across continue-as-new.
   *
   * @param incidentMessage the incident message once posted; null before
   * @param messageCounter how many message keys were handed out (keys must never repeat)
   */
  public record State(MessageRef incidentMessage, int messageCounter) {
    static final State FRESH = new State(null, 0);

    State withIncidentMessage(MessageRef posted) {
      return new State(posted, messageCounter);
    }

    /** One more key handed out. */
    State withNextKey() {
      return new State(incidentMessage, messageCounter + 1);
    }
  }

  private final Incident incident;
  private final IncidentPolicy policy;
  private final Deque<ChatWork> outbox = new ArrayDeque<>();
  private boolean cardRefreshQueued;

  ChatLane(Incident incident, IncidentPolicy policy) {
    this.incident = incident;
    this.policy = policy;
  }

  void announce() {
    outbox.add(ChatWork.announce());
  }

  void post(String step, String text, boolean threaded) {
    post(step, text, threaded, null);
  }

  /** A post with controls the chat provider draws beside its text where it can. */
  void post(String step, String text, boolean threaded, MessageControls controls) {
    outbox.add(ChatWork.post(incident.nextMessageKey(step), text, threaded, controls));
  }

  void bookmarkedPost(String step, String text, String bookmark) {
    outbox.add(ChatWork.bookmarkedPost(incident.nextMessageKey(step), text, bookmark));
  }

  /** Asks a question with Approve and Refuse buttons deciding on {@code subjectId}. */
  void askForApproval(String step, String subjectId, String text) {
    outbox.add(ChatWork.approval(incident.nextMessageKey(step), subjectId, text));
  }

  void refreshCard() {
    if (!cardRefreshQueued) {
      cardRefreshQueued = true;
      outbox.add(ChatWork.refresh());
    }
  }

  boolean isEmpty() {
    return outbox.isEmpty();
  }

  /** The next work to deliver; it stays queued (and the lane busy) until {@link #delivered()}. */
  ChatWork next() {
    ChatWork work = outbox.peekFirst();
    if (work.kind() == ChatWork.Kind.REFRESH) {
      cardRefreshQueued = false; // a change from now on needs a refresh of its own
    }
    return work;
  }

  void delivered() {
    outbox.removeFirst();
  }

  /**
   * A post's message: into the incident's room when {@code inRoom} (with its bookmark), threaded
   * under the incident message when it asks to be and that message was really posted.
   */
  ThreadMessage message(ChatWork post, boolean inRoom) {
    MessageRef message = incident.chat.incidentMessage();
    String threadTs = post.threaded() && message != null && !message.dryRun() ? message.ts() : null;
    return new ThreadMessage(
        post.key(),
        incident.id(),
        inRoom ? message.channel() : policy.channel(),
        threadTs,
        post.text(),
        inRoom ? post.bookmark() : null,
        post.controls());
  }

  /** An approval question, in the incident's room when {@code inRoom}, like a post. */
  ApprovalRequest approvalRequest(ChatWork approval, boolean inRoom) {
    ThreadMessage message = message(approval, inRoom);
    return new ApprovalRequest(
        approval.key(), incident.id(), message.channel(), approval.subjectId(), approval.text());
  }

  /**
   * Whether posts may follow the incident message into its channel: only when it was really posted.
   */
  static boolean posted(MessageRef message) {
    return message != null && !message.dryRun();
  }

  IncidentCard card() {
    Lifecycle life = incident.lifecycle;
    ResponderUpdate latest = incident.updates.latest();
    return new IncidentCard(
        incident.id() + "/incident-message",
        policy.channel(),
        incident.id(),
        incident.declaration.title(),
        life.severity().name(),
        life.status().label(),
        incident.declaration.service(),
        life.commander(),
        life.acknowledgedBy(),
        latest == null ? null : latest.describe(),
        incident.declaredAt(),
        incident.assessment.suggestions().stream()
            .filter(s -> Suggestion.ROLLBACK.equals(s.kind()))
            .map(Suggestion::text)
            .findFirst()
            .orElse(null));
  }
}
