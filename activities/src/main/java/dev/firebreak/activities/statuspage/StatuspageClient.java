package dev.firebreak.activities.statuspage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.firebreak.activities.http.ErrorMessageReader;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Atlassian Statuspage's management API for one page (docs/providers.md §4): incidents, their
 * updates, component statuses and scheduled maintenance. Statuspage has no idempotency key, so
 * every incident this client creates carries a marker in its metadata ({@code
 * metadata.firebreak.key}) and {@link #findByMarker} finds it again. (The public {@code
 * status.json} of third parties is read by {@link StatusPageReader}.)
 */
public final class StatuspageClient {

  public static final String DEFAULT_BASE_URL = "https://api.statuspage.io/v1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ProviderHttp http;
  private final HttpUrl pageUrl;
  private final String apiKey;
  private final Duration timeout;

  /**
   * @param baseUrl {@link #DEFAULT_BASE_URL} unless overridden ({@code STATUSPAGE_API_URL})
   * @param apiKey already expanded from its {@code ${ENV}} reference
   */
  public StatuspageClient(
      HttpTransport transport, String baseUrl, String apiKey, String pageId, Duration timeout) {
    // The spec's error body is {"message"}; real answers have also been seen as {"error"}.
    this.http =
        new ProviderHttp(
            transport, "Statuspage", ErrorMessageReader.jsonFields("/error", "/message"));
    this.pageUrl =
        HttpUrl.get(baseUrl).newBuilder().addPathSegment("pages").addPathSegment(pageId).build();
    this.apiKey = apiKey;
    this.timeout = timeout;
  }

  /**
   * The id of the incident created with this marker, looked up among {@code unresolved} (realtime)
   * or {@code upcoming} (scheduled) incidents.
   */
  public Optional<String> findByMarker(String list, String marker) {
    JsonNode incidents = http.sendForJson(request(url("incidents", list)).get().build(), timeout);
    for (JsonNode incident : incidents) {
      if (marker.equals(incident.path("metadata").path("firebreak").path("key").asText(null))) {
        return Optional.of(incident.path("id").asText());
      }
    }
    return Optional.empty();
  }

  /** One public update of an incident: its status and what it said ({@code ""} for nothing). */
  public record PublicUpdate(String status, String body) {}

  /**
   * {@code GET /pages/{page}/incidents/{id}}: the incident's latest public update, if it has one.
   */
  public Optional<PublicUpdate> latestUpdate(String incidentId) {
    JsonNode latest =
        http.sendForJson(request(url("incidents", incidentId)).get().build(), timeout)
            .path("incident_updates")
            .path(0);
    return latest.isMissingNode()
        ? Optional.empty()
        : Optional.of(
            new PublicUpdate(latest.path("status").asText(), latest.path("body").asText("")));
  }

  /** {@code POST /pages/{page}/incidents}; returns the new incident's id. */
  public String createIncident(NewIncident incident) {
    ObjectNode fields =
        JSON.createObjectNode()
            .put("name", incident.name())
            .put("status", incident.status())
            .put("body", incident.body());
    if (incident.impact() != null) {
      fields.put("impact_override", incident.impact());
    }
    putComponent(fields, incident.componentId(), incident.componentStatus());
    fields.putObject("metadata").putObject("firebreak").put("key", incident.marker());
    return create(fields);
  }

  /** A maintenance window: an incident in status {@code scheduled} with its start and end. */
  public String scheduleMaintenance(
      String marker,
      String name,
      String body,
      Instant from,
      Instant until,
      List<String> componentIds) {
    ObjectNode fields =
        JSON.createObjectNode()
            .put("name", name)
            .put("status", "scheduled")
            .put("body", body)
            .put("scheduled_for", from.toString())
            .put("scheduled_until", until.toString())
            .put("scheduled_auto_in_progress", true)
            .put("scheduled_auto_completed", true);
    componentIds.forEach(fields.putArray("component_ids")::add);
    fields.putObject("metadata").putObject("firebreak").put("key", marker);
    return create(fields);
  }

  /**
   * {@code PATCH /pages/{page}/incidents/{id}}: each status or body change becomes one entry of the
   * incident's public updates.
   */
  public void updateIncident(
      String incidentId, String status, String body, String componentId, String componentStatus) {
    ObjectNode fields = JSON.createObjectNode().put("status", status);
    if (body != null) {
      fields.put("body", body);
    }
    putComponent(fields, componentId, componentStatus);
    http.send(
        request(url("incidents", incidentId)).patch(wrap("incident", fields)).build(), timeout);
  }

  /**
   * {@code PATCH /pages/{page}/incidents/{id}} with a scheduled maintenance's start and end.
   * Without a status or a body the change is not a public update, so subscribers are not notified
   * again.
   */
  public void rescheduleMaintenance(String incidentId, Instant from, Instant until) {
    ObjectNode fields =
        JSON.createObjectNode()
            .put("scheduled_for", from.toString())
            .put("scheduled_until", until.toString());
    http.send(
        request(url("incidents", incidentId)).patch(wrap("incident", fields)).build(), timeout);
  }

  /**
   * {@code PATCH /pages/{page}/components/{id}} with {@code operational}, {@code major_outage}, …
   */
  public void setComponentStatus(String componentId, String status) {
    ObjectNode fields = JSON.createObjectNode().put("status", status);
    http.send(
        request(url("components", componentId)).patch(wrap("component", fields)).build(), timeout);
  }

  private String create(ObjectNode fields) {
    JsonNode created =
        http.sendForJson(request(url("incidents")).post(wrap("incident", fields)).build(), timeout);
    return created.path("id").asText();
  }

  private static void putComponent(ObjectNode fields, String componentId, String componentStatus) {
    if (componentId != null && componentStatus != null) {
      fields.putObject("components").put(componentId, componentStatus);
      fields.putArray("component_ids").add(componentId);
    }
  }

  private HttpUrl url(String... segments) {
    HttpUrl.Builder url = pageUrl.newBuilder();
    for (String segment : segments) {
      url.addPathSegment(segment);
    }
    return url.build();
  }

  private Request.Builder request(HttpUrl url) {
    return new Request.Builder().url(url).header("Authorization", "OAuth " + apiKey);
  }

  private static RequestBody wrap(String name, ObjectNode fields) {
    ObjectNode body = JSON.createObjectNode();
    body.set(name, fields);
    return ProviderHttp.jsonBody(body);
  }

  /**
   * A realtime incident to create.
   *
   * @param marker found again by {@link #findByMarker}
   * @param impact {@code none|minor|major|critical}, or null to let Statuspage derive it
   */
  public record NewIncident(
      String marker,
      String name,
      String status,
      String impact,
      String body,
      String componentId,
      String componentStatus) {}
}
