package dev.firebreak.starter.service;

/**
 * The two rules every request field shares, whichever way it arrived (a JSON body, a Slack
 * command): a required field may not be blank, and an optional one left blank means none.
 */
public final class RequiredFields {

  private RequiredFields() {}

  /** The value, or a refusal that names the missing field. */
  public static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw Refusal.badRequest("Field '" + field + "' is required.");
    }
    return value;
  }

  /** Null for a blank value: an optional field left empty was not given. */
  public static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
