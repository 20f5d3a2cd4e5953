package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.oncall.OnCallActivities;
import dev.firebreak.workflows.oncall.OnCallPerson;
import dev.firebreak.workflows.oncall.ScheduleAnswer;
import dev.firebreak.workflows.oncall.ScheduleTargets;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.List;

/**
 * A level's {@code schedule:NAME} targets, resolved to the person the schedule has on call at the
 * moment the level pages, and who that was on the timeline. The answers are activity results, so
 * they sit in the history: a replay after a worker restart and the timeline name the same person,
 * and a later override never changes who a page went to.
 */
final class OnCallTargets {

  private OnCallTargets() {}

  /**
   * The targets with each schedule replaced by its person's address, each answer recorded under
   * {@code label} as it comes. Workflow code for runs before {@link
   * IncidentVersions#ONCALL_PAGING}: asks one activity per schedule, in order.
   */
  static List<String> resolve(Incident incident, List<String> targets, String label) {
    return ScheduleTargets.resolve(
            targets,
            schedule -> {
              ScheduleAnswer answer = ask(schedule);
              record(incident, label, answer);
              return answer;
            })
        .addresses();
  }

  private static ScheduleAnswer ask(String schedule) {
    OnCallActivities oncall =
        Workflow.newActivityStub(
            OnCallActivities.class,
            ActivityOptions.newBuilder(ActivityPolicies.ONCALL_LOOKUP)
                .setSummary("Who is on call: " + schedule)
                .build());
    try {
      return ScheduleAnswer.answered(schedule, oncall.whoIsOnCall(schedule, IncidentEffects.now()));
    } catch (ActivityFailure failure) {
      return ScheduleAnswer.unanswered(schedule, RootCause.message(failure));
    }
  }

  /**
   * Puts who the schedule gave on the timeline under {@code label}; a schedule with nobody on call,
   * or one that could not be asked, is recorded as unreachable.
   */
  static void record(Incident incident, String label, ScheduleAnswer answer) {
    String schedule = answer.schedule();
    if (answer.answer() == null) {
      unreachable(
          incident,
          label
              + ": could not ask schedule "
              + schedule
              + " who is on call ("
              + answer.failure()
              + "); unreachable");
      return;
    }
    OnCallPerson person = answer.person();
    String address = answer.pageAddress();
    if (address == null) {
      unreachable(
          incident,
          label
              + ": schedule "
              + schedule
              + (person == null
                  ? " has nobody on call"
                  : " puts " + person.name() + " on call, who has no Slack id, phone or email")
              + "; unreachable");
      return;
    }
    String source = answer.answer().source();
    incident.record(
        IncidentEffects.now(),
        "oncall-resolved",
        null,
        label
            + ": schedule "
            + schedule
            + " → "
            + person.name()
            + " ("
            + address.substring(address.indexOf(':') + 1)
            + ")"
            + (source == null ? "" : ", " + source));
  }

  private static void unreachable(Incident incident, String text) {
    incident.record(IncidentEffects.now(), "unreachable", null, text);
  }
}
