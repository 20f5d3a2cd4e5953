package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.notify.ApprovalRequest;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.ThreadMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatLaneTest {

  private final IncidentPolicy policy = IncidentPolicies.recoup();
  private final Incident incident =
      Incident.declare(
          IncidentPolicies.declaration("INC-1", Severity.P1),
          Instant.parse("2026-03-02T10:00:00Z"));
  private final ChatLane chat = new ChatLane(incident, policy);

  @Test
  void postsKeepTheirOrderAndEachHasItsOwnKey() {
    chat.announce();
    chat.post("ack", "acknowledged", true);
    chat.post("update", "an update", true);

    assertThat(chat.next().kind()).isEqualTo(ChatWork.Kind.ANNOUNCE);
    chat.delivered();
    assertThat(chat.next().key()).isEqualTo("INC-1/ack-1");
    chat.delivered();
    assertThat(chat.next().key()).isEqualTo("INC-1/update-2");
  }

  @Test
  void refreshesQueuedWhileOneWaitsCollapseIntoOneUntilItIsTaken() {
    chat.refreshCard();
    chat.refreshCard();
    assertThat(chat.next().kind()).isEqualTo(ChatWork.Kind.REFRESH);
    chat.delivered();
    assertThat(chat.isEmpty()).isTrue();

    chat.refreshCard();
    chat.next(); // taken by the lane: a change from now on needs a refresh of its own
    chat.refreshCard();
    chat.delivered();
    assertThat(chat.isEmpty()).isFalse();
  }

  @Test
  void postsThreadUnderTheIncidentMessageInItsRoomOnceItWasReallyPosted() {
    chat.post("ack", "acknowledged", true);
    ChatWork post = chat.next();
    assertThat(chat.message(post, false))
        .isEqualTo(
            new ThreadMessage("INC-1/ack-1", "INC-1", "#incidents", null, "acknowledged", null));

    incident.chat =
        incident.chat.withIncidentMessage(new MessageRef("C0ROOM", "1700000000.0001", false));
    assertThat(chat.message(post, true))
        .isEqualTo(
            new ThreadMessage(
                "INC-1/ack-1", "INC-1", "C0ROOM", "1700000000.0001", "acknowledged", null));
    assertThat(ChatLane.posted(new MessageRef("#incidents", "dry", true))).isFalse();
  }

  @Test
  void anApprovalQuestionGoesWherePostsGoWithItsOwnKeyAndTheSubjectItDecidesOn() {
    chat.askForApproval("action-approval", "action-INC-1-k1", "Approve the circuit breaker?");
    ChatWork question = chat.next();

    assertThat(question.kind()).isEqualTo(ChatWork.Kind.APPROVAL);
    assertThat(chat.approvalRequest(question, false))
        .isEqualTo(
            new ApprovalRequest(
                "INC-1/action-approval-1",
                "INC-1",
                "#incidents",
                "action-INC-1-k1",
                "Approve the circuit breaker?"));
    incident.chat =
        incident.chat.withIncidentMessage(new MessageRef("C0ROOM", "1700000000.0001", false));
    assertThat(chat.approvalRequest(question, true).channel()).isEqualTo("C0ROOM");
  }

  @Test
  void theCardShowsTheRollbackSuggestion() {
    incident.assessment =
        incident.assessment.withSuggestions(
            List.of(
                new Suggestion(
                    Suggestion.ROLLBACK, "recoup-backend", "v41", "Roll back deploy v42")));

    assertThat(chat.card().rollbackSuggestion()).isEqualTo("Roll back deploy v42");
  }
}
