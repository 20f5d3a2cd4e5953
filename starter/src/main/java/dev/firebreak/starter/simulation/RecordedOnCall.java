package dev.firebreak.starter.simulation;

import dev.firebreak.workflows.oncall.OnCallActivities;
import dev.firebreak.workflows.oncall.OnCallAnswer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who the simulated escalation found on call: answers from the config's schedules (the same lookup
 * a worker uses, with no overrides, since a simulation holds none), kept in the order asked.
 */
final class RecordedOnCall implements OnCallActivities {

  private final OnCallActivities lookup;
  private final List<OnCallAnswer> answers = new ArrayList<>();

  RecordedOnCall(OnCallActivities lookup) {
    this.lookup = lookup;
  }

  @Override
  public OnCallAnswer whoIsOnCall(String schedule, Instant at) {
    OnCallAnswer answer = lookup.whoIsOnCall(schedule, at);
    synchronized (answers) {
      answers.add(answer);
    }
    return answer;
  }

  /**
   * The first answer not taken yet about {@code schedule} asked at or after {@code pagedAt}: a page
   * asks at the moment it pages, and each answer belongs to one page.
   */
  Optional<OnCallAnswer> take(String schedule, Instant pagedAt) {
    synchronized (answers) {
      for (int i = 0; i < answers.size(); i++) {
        OnCallAnswer answer = answers.get(i);
        if (answer.schedule().equals(schedule) && !answer.at().isBefore(pagedAt)) {
          return Optional.of(answers.remove(i));
        }
      }
      return Optional.empty();
    }
  }
}
