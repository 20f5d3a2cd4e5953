package dev.firebreak.workflows.oncall;

/**
 * What asking one {@code schedule:NAME} target gave when a level paged: the schedule's answer, or
 * why it could not be asked.
 *
 * @param answer null when the schedule could not be asked
 * @param failure why not; null when it answered
 */
public record ScheduleAnswer(String schedule, OnCallAnswer answer, String failure) {

  public static ScheduleAnswer answered(String schedule, OnCallAnswer answer) {
    return new ScheduleAnswer(schedule, answer, null);
  }

  public static ScheduleAnswer unanswered(String schedule, String failure) {
    return new ScheduleAnswer(schedule, null, failure);
  }

  /** Who the schedule put on call, or null: in a gap, or when it could not be asked. */
  public OnCallPerson person() {
    return answer == null ? null : answer.person();
  }

  /** Where the page for this schedule goes, or null when it reaches nobody. */
  public String pageAddress() {
    OnCallPerson person = person();
    return person == null ? null : person.pageAddress();
  }
}
