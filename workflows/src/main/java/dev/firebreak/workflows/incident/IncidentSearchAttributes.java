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

  public static final List<SearchAttributeKey<String>> ALL = List.of(SEVERITY, STATUS, SERVICE);

  private IncidentSearchAttributes() {}
}
