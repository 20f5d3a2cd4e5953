package dev.firebreak.workflows.oncall;

/**
 * A schedule participant and the ways to reach them; any of the addresses may be null.
 *
 * @param phone E.164, for {@code sms:} and {@code call:} pages
 */
public record OnCallPerson(String name, String slackUserId, String phone, String email) {}
