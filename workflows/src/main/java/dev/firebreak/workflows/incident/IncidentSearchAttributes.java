package dev.firebreak.workflows.incident;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The search attributes that let the Temporal UI filter incidents. They must be registered on the
 * server first; the policy says whether they are, because upserting an unknown one fails the task.
 */
public final class IncidentSearchAttributes {
  public static final SearchAttributeKey<String> SEVERITY =
      SearchAttributeKey.forKeyword("FirebreakSeverity");
  public static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("FirebreakStatus");
  public static final SearchAttributeKey<String> SERVICE =
      SearchAttributeKey.forKeyword("FirebreakService");

  /** The ones the incident keeps current, which the Temporal UI shows as its columns. */
  public static final List<SearchAttributeKey<String>> ALL = List.of(SEVERITY, STATUS, SERVICE);

  /**
   * A declaration's Idempotency-Key, set at start and never changed by the incident: a retry that
   * reaches another API process finds the incident by it with a one-row visibility query, instead
   * of listing every running incident.
   */
  public static final SearchAttributeKey<String> IDEMPOTENCY_KEY =
      SearchAttributeKey.forKeyword("FirebreakIdempotencyKey");

  /** Every incident search attribute the server must know. */
  public static final List<SearchAttributeKey<String>> REGISTERED =
      List.of(SEVERITY, STATUS, SERVICE, IDEMPOTENCY_KEY);

  private IncidentSearchAttributes() {}
}
