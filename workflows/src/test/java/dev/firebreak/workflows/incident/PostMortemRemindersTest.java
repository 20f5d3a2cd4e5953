package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostMortemRemindersTest {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  private final IncidentPolicy policy = IncidentPolicies.recoup();
  private final PostMortemReminders reminders = new PostMortemReminders(policy);

  @Test
  void theDraftIsPostedBookmarkedAndTheFirstReminderFollowsOneIntervalLater() {
    Incident incident = drafted();
    ChatLane chat = new ChatLane(incident, policy);

    reminders.draft(incident, T0, chat);

    assertThat(incident.postMortem.nextReminderAt()).isEqualTo(T0.plus(Duration.ofHours(12)));
    ChatWork post = chat.next();
    assertThat(post.bookmark()).isEqualTo("Post-mortem INC-1");
    assertThat(post.text()).endsWith("Full report: GET /api/v1/incidents/INC-1/postmortem");
  }

  @Test
  void aReminderSaysWhenTheReviewIsDueThenThatItIsOverdue() {
    Incident incident = drafted();
    reminders.draft(incident, T0, new ChatLane(incident, policy));
    ChatLane chat = new ChatLane(incident, policy);

    reminders.remindIfDue(incident, T0.plus(Duration.ofHours(11)), chat);
    assertThat(chat.isEmpty()).isTrue();
    reminders.remindIfDue(incident, T0.plus(Duration.ofHours(12)), chat);
    assertThat(chat.next().text())
        .contains("awaits review (due by " + T0.plus(Duration.ofHours(48)) + ")");
    chat.delivered();
    reminders.remindIfDue(incident, T0.plus(Duration.ofHours(49)), chat);
    assertThat(chat.next().text())
        .contains("(overdue since " + T0.plus(Duration.ofHours(48)) + ")");
    assertThat(incident.postMortem.reminders()).isEqualTo(2);
    assertThat(incident.postMortem.nextReminderAt()).isEqualTo(T0.plus(Duration.ofHours(61)));
  }

  @Test
  void theReviewClosesTheIncidentAndStopsTheReminders() {
    Incident incident = drafted();
    reminders.draft(incident, T0, new ChatLane(incident, policy));

    PostMortemReminders.reviewed(
        incident, "dave", T0.plusSeconds(60), new ChatLane(incident, policy));

    assertThat(incident.postMortem.nextReminderAt()).isNull();
    assertThat(incident.lifecycle.reviewedBy()).isEqualTo("dave");
  }

  @Test
  void contributionsAreClippedAndMergedWithWhatIsKnown() {
    Incident incident = drafted();

    PostMortemReminders.contribute(
        incident,
        new PostMortemInput("carol", "5% of users", null, null, List.of("x".repeat(600)), null),
        T0);
    PostMortemReminders.contribute(
        incident, new PostMortemInput("dave", null, "Bad deploy", null, null, null), T0);

    assertThat(incident.postMortem.input().impact()).isEqualTo("5% of users");
    assertThat(incident.postMortem.input().rootCause()).isEqualTo("Bad deploy");
    assertThat(incident.postMortem.input().preventionTasks())
        .singleElement()
        .asString()
        .hasSize(500);
  }

  private static Incident drafted() {
    Incident incident = EscalationTest.declared(Severity.P1);
    incident.lifecycle = incident.lifecycle.resolved("bob", T0, null);
    incident.lifecycle = incident.lifecycle.withStatus(IncidentStatus.POST_MORTEM);
    return incident;
  }
}
