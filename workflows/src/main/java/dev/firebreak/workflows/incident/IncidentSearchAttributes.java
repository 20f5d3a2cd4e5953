package dev.firebreak.workflows.incident;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
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

  /**
   * What a declaration starts with: the incident's columns as the workflow would first write them,
   * so it need not (when the policy says the attributes are registered), and the Idempotency-Key
   * when given.
   *
   * @param columns whether to set {@link #ALL}
   * @param idempotencyKey null for none
   */
  public static SearchAttributes atDeclaration(
      Declaration declaration, boolean columns, String idempotencyKey) {
    SearchAttributes.Builder attributes = SearchAttributes.newBuilder();
    if (columns) {
      attributes
          .set(SEVERITY, declaration.severity().name())
          .set(STATUS, IncidentStatus.DECLARED.name())
          .set(SERVICE, declaration.service());
    }
    if (idempotencyKey != null) {
      attributes.set(IDEMPOTENCY_KEY, idempotencyKey);
    }
    return attributes.build();
  }

  private IncidentSearchAttributes() {}
}
