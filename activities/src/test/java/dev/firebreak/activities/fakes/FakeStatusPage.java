package dev.firebreak.activities.fakes;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A third party's public Statuspage ({@code GET /api/v2/status.json}). Starts operational; a test
 * sets the indicator and description, or injects faults.
 */
public final class FakeStatusPage extends FakeServer {

  public static final String STATUS_PATH = "/api/v2/status.json";

  private volatile String indicator = "none";
  private volatile String description = "All Systems Operational";

  public FakeStatusPage() {
    super(new FaultInjection((status, message) -> "{\"error\":\"" + message + "\"}"));
  }

  /** The page URL to configure, without the API path. */
  public String url() {
    return urlOf("/");
  }

  /** Sets what the page reports: {@code none|minor|major|critical} and its sentence. */
  public FakeStatusPage status(String indicator, String description) {
    this.indicator = indicator;
    this.description = description;
    return this;
  }

  @Override
  protected MockResponse handle(RecordedRequest request) {
    if (!"GET".equals(request.getMethod())
        || !STATUS_PATH.equals(request.getRequestUrl().encodedPath())) {
      return json(404, "{\"error\":\"Not found\"}");
    }
    return json(
        200,
        "{\"page\":{\"id\":\"kctbh9vrtdwd\",\"name\":\"Fake\",\"url\":\""
            + url()
            + "\",\"time_zone\":\"Etc/UTC\",\"updated_at\":\"2026-11-23T10:00:00.000Z\"},"
            + "\"status\":{\"indicator\":\""
            + indicator
            + "\",\"description\":\""
            + description
            + "\"}}");
  }
}
