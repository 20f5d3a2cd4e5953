package dev.firebreak.starter.incidents;

import dev.firebreak.workflows.incident.IncidentSearchAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The visibility queries ({@code ListWorkflowExecutions}) that list incidents on a real Temporal
 * server: the incident workflow type, its execution status, and the filter's values on Firebreak's
 * search attributes when the server has them. Every value is quoted by {@link #quote}, so no value
 * can end the literal and add a clause of its own. Public so the tests against a real server send
 * these very queries.
 */
public final class IncidentVisibilityQuery {

  private IncidentVisibilityQuery() {}

  /** The running incidents the filter can match. */
  public static String running(IncidentFilter filter, boolean searchAttributes) {
    List<String> clauses = base(filter, searchAttributes);
    clauses.add("ExecutionStatus = 'Running'");
    if (searchAttributes && filter.phase() != null) {
      clauses.add(equal(IncidentSearchAttributes.STATUS.getName(), filter.phase()));
    }
    return String.join(" AND ", clauses);
  }

  /**
   * The closed incidents the filter can match. A long incident continues as new: its earlier runs
   * are history of the same incident, not incidents of their own.
   */
  public static String closed(IncidentFilter filter, boolean searchAttributes) {
    List<String> clauses = base(filter, searchAttributes);
    clauses.add("ExecutionStatus != 'Running'");
    clauses.add("ExecutionStatus != 'ContinuedAsNew'");
    return String.join(" AND ", clauses);
  }

  /**
   * Keys the dev server's visibility store was seen to match exactly: letters, digits and common
   * punctuation. It did not find a keyword value with a backslash or a double quote in it, and it
   * strips quotes at either end of a value, so such a key is looked for by listing instead.
   */
  private static final Pattern EXACTLY_MATCHED_KEY =
      Pattern.compile("[\\p{L}\\p{N} _.:/@+=,#~%-]+");

  /** Whether {@link #runningWithKey} finds an incident started with this key. */
  static boolean findsKey(String idempotencyKey) {
    return EXACTLY_MATCHED_KEY.matcher(idempotencyKey).matches();
  }

  /** The running incident a declaration with this Idempotency-Key started, if any. */
  static String runningWithKey(String idempotencyKey) {
    return String.join(
        " AND ",
        probe(),
        "ExecutionStatus = 'Running'",
        equal(IncidentSearchAttributes.IDEMPOTENCY_KEY.getName(), idempotencyKey));
  }

  /** Only the type, for the one query that tells whether the server answers queries at all. */
  static String probe() {
    return equal("WorkflowType", IncidentStarts.WORKFLOW_TYPE);
  }

  private static List<String> base(IncidentFilter filter, boolean searchAttributes) {
    List<String> clauses = new ArrayList<>(List.of(probe()));
    if (searchAttributes && filter.severity() != null) {
      clauses.add(equal(IncidentSearchAttributes.SEVERITY.getName(), filter.severity().name()));
    }
    if (searchAttributes && filter.service() != null) {
      clauses.add(equal(IncidentSearchAttributes.SERVICE.getName(), filter.service()));
    }
    return clauses;
  }

  private static String equal(String attribute, String value) {
    return attribute + " = " + quote(value);
  }

  /**
   * A string literal of the query language (SQL's): single quotes around, a quote inside doubled,
   * and a backslash doubled because the server's parser reads it as an escape. The server strips
   * every quote at either end of a value it parsed, so a value that starts or ends with a quote
   * matches its unquoted twin as well; the listing checks each row's memo, which drops such a row.
   */
  static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }
}
