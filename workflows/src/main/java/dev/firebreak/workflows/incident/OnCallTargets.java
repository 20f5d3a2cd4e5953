package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.oncall.OnCallActivities;
import dev.firebreak.workflows.oncall.OnCallAnswer;
import dev.firebreak.workflows.oncall.OnCallPerson;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * A level's {@code schedule:NAME} targets, resolved to the person the schedule has on call at the
 * moment the level pages. The answer is an activity result, so it sits in the history: a retried
 * page, a replay after a worker restart and the timeline all name the same person, and a later
 * override never changes who a page went to.
 */
final class OnCallTargets {

  static final String SCHEDULE = "schedule:";

  private OnCallTargets() {}

  static boolean hasSchedules(List<String> targets) {
    return targets.stream().anyMatch(target -> target.startsWith(SCHEDULE));
  }

  /**
   * The targets with each schedule replaced by its person's address (see {@link #address}). Who it
   * was goes on the timeline under {@code label}; a schedule with nobody on call, or one that
   * cannot be asked, is recorded as unreachable and left out. Workflow code: asks one activity per
   * schedule, in order.
   */
  static List<String> resolve(Incident incident, List<String> targets, String label) {
    List<String> resolved = new ArrayList<>();
    for (String target : targets) {
      if (!target.startsWith(SCHEDULE)) {
        resolved.add(target);
        continue;
      }
      String address = ask(incident, target.substring(SCHEDULE.length()), label);
      if (address != null && !resolved.contains(address)) {
        resolved.add(address);
      }
    }
    return resolved;
  }

  private static String ask(Incident incident, String schedule, String label) {
    OnCallActivities oncall =
        Workflow.newActivityStub(
            OnCallActivities.class,
            ActivityOptions.newBuilder(ActivityPolicies.ONCALL_LOOKUP)
                .setSummary("Who is on call: " + schedule)
                .build());
    OnCallAnswer answer;
    try {
      answer = oncall.whoIsOnCall(schedule, IncidentEffects.now());
    } catch (ActivityFailure failure) {
      unreachable(
          incident,
          label
              + ": could not ask schedule "
              + schedule
              + " who is on call ("
              + RootCause.message(failure)
              + "); unreachable");
      return null;
    }
    OnCallPerson person = answer.person();
    String address = person == null ? null : address(person);
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
      return null;
    }
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
            + (answer.source() == null ? "" : ", " + answer.source()));
    return address;
  }

  /**
   * Where a schedule's person is paged: Slack when they have a member id (every Firebreak pages
   * through Slack), else SMS to their phone, else mail. A person reachable only by a provider that
   * is not configured is still paged there, and the delivery on the timeline says it went nowhere.
   */
  static String address(OnCallPerson person) {
    if (present(person.slackUserId())) {
      return "slack:" + person.slackUserId();
    }
    if (present(person.phone())) {
      return "sms:" + person.phone();
    }
    return present(person.email()) ? "email:" + person.email() : null;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }

  private static void unreachable(Incident incident, String text) {
    incident.record(IncidentEffects.now(), "unreachable", null, text);
  }
}
