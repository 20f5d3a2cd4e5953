package dev.firebreak.workflows.oncall;

/**
 * A schedule participant and the ways to reach them; any of the addresses may be null.
 *
 * @param phone E.164, for {@code sms:} and {@code call:} pages
 */
public record OnCallPerson(String name, String slackUserId, String phone, String email) {

  /**
   * Where a schedule's page reaches this person: Slack when they have a member id (every Firebreak
   * pages through Slack), else SMS to their phone, else mail; null when they have none of the
   * three. A person reachable only by a provider that is not configured is still paged there, and
   * the delivery on the timeline says it went nowhere.
   */
  public String pageAddress() {
    if (present(slackUserId)) {
      return "slack:" + slackUserId;
    }
    if (present(phone)) {
      return "sms:" + phone;
    }
    return present(email) ? "email:" + email : null;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
