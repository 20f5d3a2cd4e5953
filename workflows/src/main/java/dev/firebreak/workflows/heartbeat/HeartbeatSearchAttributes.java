package dev.firebreak.workflows.heartbeat;

import dev.firebreak.workflows.incident.IncidentSearchAttributes;
import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The search attributes that let the Temporal UI find a heartbeat and filter by its state; the
 * service is the one incidents use. Registered with the incidents' ones, and set only when the
 * server has them (the incident policy says so), because upserting an unknown one fails the task.
 */
public final class HeartbeatSearchAttributes {
  public static final SearchAttributeKey<String> NAME =
      SearchAttributeKey.forKeyword("FirebreakHeartbeat");
  public static final SearchAttributeKey<String> STATE =
      SearchAttributeKey.forKeyword("FirebreakHeartbeatState");
  public static final SearchAttributeKey<String> SERVICE = IncidentSearchAttributes.SERVICE;

  /** The ones to register besides the incidents' own. */
  public static final List<SearchAttributeKey<String>> OWN = List.of(NAME, STATE);

  private HeartbeatSearchAttributes() {}
}
