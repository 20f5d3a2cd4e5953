package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Atlassian Statuspage's management API for one page (docs/providers.md §4): {@code OAuth <key>}
 * auth, incidents (create, patch, the unresolved and upcoming lists) with their public updates and,
 * for a scheduled maintenance, its start and end, and components. Validation failures answer 422
 * with {@code {"message"}}, like the spec's error entity; a bad key gets {@code {"error"}}, as real
 * answers have been seen to. (The public {@code status.json} of third parties is {@link
 * FakeStatusPage}.)
 */
public final class FakeStatuspageApi extends FakeServer {

  /** One incident with the public updates it received, oldest first. */
  public record Incident(
      String id,
      String name,
      String status,
      String impact,
      Map<String, String> components,
      List<String> updates,
      JsonNode metadata,
      String scheduledFor,
      String scheduledUntil) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> REALTIME =
      Set.of("investigating", "identified", "monitoring", "resolved");
  private static final Set<String> SCHEDULED =
      Set.of("scheduled", "in_progress", "verifying", "completed");
  private static final Set<String> COMPONENT_STATUSES =
      Set.of(
          "operational",
          "under_maintenance",
          "degraded_performance",
          "partial_outage",
          "major_outage");
  private static final Pattern ROUTE =
      Pattern.compile("/v1/pages/([^/]+)/(incidents|components)(?:/([^/]+))?");

  private final String apiKey;
  private final String pageId;
  private final Map<String, String> components = new ConcurrentHashMap<>();
  private final Map<String, Incident> incidents = new ConcurrentHashMap<>();
  private final List<String> order = new ArrayList<>();

  public FakeStatuspageApi(String apiKey, String pageId) {
    super(
        new FaultInjection(
            (status, message) -> JSON.createObjectNode().put("message", message).toString()));
    this.apiKey = apiKey;
    this.pageId = pageId;
  }

  /** The base URL to configure, in place of {@code https://api.statuspage.io/v1}. */
  public String baseUrl() {
    return urlOf("/v1");
  }

  /** Adds an operational component. */
  public FakeStatuspageApi component(String componentId) {
    components.put(componentId, "operational");
    return this;
  }

  public String componentStatus(String componentId) {
    return components.get(componentId);
  }

  public synchronized List<Incident> incidents() {
    return order.stream().map(incidents::get).toList();
  }

  @Override
  protected synchronized MockResponse handle(RecordedRequest request) {
    if (!("OAuth " + apiKey).equals(request.getHeader("Authorization"))) {
      return json(401, JSON.createObjectNode().put("error", "Could not authenticate").toString());
    }
    Matcher route = ROUTE.matcher(request.getRequestUrl().encodedPath());
    if (!route.matches() || !pageId.equals(route.group(1))) {
      return notFound("Page not found");
    }
    String method = request.getMethod();
    String id = route.group(3);
    if (route.group(2).equals("components")) {
      return "PATCH".equals(method) && id != null
          ? patchComponent(id, body(request).path("component"))
          : notFound("Not found");
    }
    if ("GET".equals(method) && ("unresolved".equals(id) || "upcoming".equals(id))) {
      return list(
          "unresolved".equals(id) ? REALTIME : Set.of("scheduled"), "unresolved".equals(id));
    }
    if ("GET".equals(method) && id != null) {
      Incident incident = incidents.get(id);
      return incident == null ? notFound("Not found") : json(200, render(incident).toString());
    }
    if ("POST".equals(method) && id == null) {
      return create(body(request).path("incident"));
    }
    if ("PATCH".equals(method) && id != null) {
      return patchIncident(id, body(request).path("incident"));
    }
    return notFound("Not found");
  }

  private MockResponse create(JsonNode fields) {
    String name = fields.path("name").asText("");
    String status = fields.path("status").asText("investigating");
    if (name.isBlank()) {
      return invalid("Name can't be blank");
    }
    boolean scheduled = SCHEDULED.contains(status);
    if (!REALTIME.contains(status) && !scheduled) {
      return invalid("Status is not included in the list");
    }
    if (scheduled
        && (!fields.hasNonNull("scheduled_for") || !fields.hasNonNull("scheduled_until"))) {
      return invalid("Scheduled for can't be blank");
    }
    MockResponse badSchedule =
        checkSchedule(
            fields.path("scheduled_for").asText(null), fields.path("scheduled_until").asText(null));
    if (badSchedule != null) {
      return badSchedule;
    }
    MockResponse badComponents = applyComponents(fields.path("components"));
    if (badComponents != null) {
      return badComponents;
    }
    String id = String.format("inc%09d", order.size() + 1);
    List<String> updates = new ArrayList<>();
    updates.add(status + ": " + fields.path("body").asText(""));
    Incident incident =
        new Incident(
            id,
            name,
            status,
            fields.path("impact_override").asText("none"),
            componentsOf(fields.path("components")),
            updates,
            fields.path("metadata"),
            fields.path("scheduled_for").asText(null),
            fields.path("scheduled_until").asText(null));
    incidents.put(id, incident);
    order.add(id);
    return json(201, render(incident).toString());
  }

  private MockResponse patchIncident(String id, JsonNode fields) {
    Incident known = incidents.get(id);
    if (known == null) {
      return notFound("Incident not found");
    }
    String status = fields.path("status").asText(known.status());
    if (!REALTIME.contains(status) && !SCHEDULED.contains(status)) {
      return invalid("Status is not included in the list");
    }
    String scheduledFor = fields.path("scheduled_for").asText(known.scheduledFor());
    String scheduledUntil = fields.path("scheduled_until").asText(known.scheduledUntil());
    MockResponse badSchedule = checkSchedule(scheduledFor, scheduledUntil);
    if (badSchedule != null) {
      return badSchedule;
    }
    MockResponse badComponents = applyComponents(fields.path("components"));
    if (badComponents != null) {
      return badComponents;
    }
    List<String> updates = new ArrayList<>(known.updates());
    if (!status.equals(known.status()) || fields.hasNonNull("body")) {
      updates.add(status + ": " + fields.path("body").asText(""));
    }
    Map<String, String> affected = new ConcurrentHashMap<>(known.components());
    affected.putAll(componentsOf(fields.path("components")));
    Incident patched =
        new Incident(
            id,
            known.name(),
            status,
            known.impact(),
            Map.copyOf(affected),
            List.copyOf(updates),
            known.metadata(),
            scheduledFor,
            scheduledUntil);
    incidents.put(id, patched);
    return json(200, render(patched).toString());
  }

  private MockResponse patchComponent(String id, JsonNode fields) {
    if (!components.containsKey(id)) {
      return notFound("Component not found");
    }
    String status = fields.path("status").asText("");
    if (!COMPONENT_STATUSES.contains(status)) {
      return invalid("Status is not included in the list");
    }
    components.put(id, status);
    return json(
        200,
        JSON.createObjectNode()
            .put("id", id)
            .put("page_id", pageId)
            .put("status", status)
            .toString());
  }

  /**
   * A 422 when a maintenance's start or end is not a timestamp or it ends before it starts; else
   * null.
   */
  private static MockResponse checkSchedule(String from, String until) {
    if (from == null || until == null) {
      return null;
    }
    try {
      return Instant.parse(until).isAfter(Instant.parse(from))
          ? null
          : invalid("Scheduled until must be after scheduled for");
    } catch (DateTimeParseException notATimestamp) {
      return invalid("Scheduled for is invalid");
    }
  }

  /** Validates, then applies, an incident's {@code components} map; null when it was applied. */
  private MockResponse applyComponents(JsonNode requested) {
    Map<String, String> wanted = componentsOf(requested);
    for (Map.Entry<String, String> entry : wanted.entrySet()) {
      if (!components.containsKey(entry.getKey())) {
        return invalid("Components are invalid: " + entry.getKey() + " does not exist");
      }
      if (!COMPONENT_STATUSES.contains(entry.getValue())) {
        return invalid("Component status is not included in the list");
      }
    }
    components.putAll(wanted);
    return null;
  }

  private MockResponse list(Set<String> statuses, boolean excludeScheduled) {
    ArrayNode list = JSON.createArrayNode();
    order.stream()
        .map(incidents::get)
        .filter(i -> statuses.contains(i.status()) && !"resolved".equals(i.status()))
        .filter(i -> !excludeScheduled || i.scheduledFor() == null)
        .forEach(i -> list.add(render(i)));
    return json(200, list.toString());
  }

  private ObjectNode render(Incident incident) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("id", incident.id())
            .put("page_id", pageId)
            .put("name", incident.name())
            .put("status", incident.status())
            .put("impact", incident.impact())
            .put("shortlink", "https://stspg.io/" + incident.id())
            .put("scheduled_for", incident.scheduledFor())
            .put("scheduled_until", incident.scheduledUntil());
    body.set("metadata", incident.metadata());
    ArrayNode updates = body.putArray("incident_updates");
    for (int i = incident.updates().size() - 1; i >= 0; i--) {
      String update = incident.updates().get(i);
      int colon = update.indexOf(": ");
      updates
          .addObject()
          .put("incident_id", incident.id())
          .put("status", update.substring(0, colon))
          .put("body", update.substring(colon + 2));
    }
    return body;
  }

  private static Map<String, String> componentsOf(JsonNode requested) {
    Map<String, String> wanted = new ConcurrentHashMap<>();
    requested.properties().forEach(e -> wanted.put(e.getKey(), e.getValue().asText()));
    return Map.copyOf(wanted);
  }

  private static JsonNode body(RecordedRequest request) {
    try {
      return JSON.readTree(bodyOf(request));
    } catch (IOException notJson) {
      return JSON.createObjectNode();
    }
  }

  private static MockResponse notFound(String message) {
    return json(404, JSON.createObjectNode().put("message", message).toString());
  }

  private static MockResponse invalid(String message) {
    return json(422, JSON.createObjectNode().put("message", message).toString());
  }
}
