package dev.firebreak.activities.fakes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A service's {@code GET /health} endpoint whose answer a test sets: healthy, a failing sub-check,
 * down (503), garbage, or any status and body. Starts healthy, in the runbooks' own shape.
 */
public final class FakeHealthEndpoint extends FakeServer {

  public static final String PATH = "/health";
  public static final String HEALTHY =
      "{\"status\":\"healthy\",\"checks\":{\"database\":\"ok\",\"redis\":\"ok\"}}";

  private volatile MockResponse answer;

  public FakeHealthEndpoint() {
    super(
        new FaultInjection(
            (status, message) -> "{\"status\":\"fail\",\"output\":\"" + message + "\"}"));
    healthy();
  }

  /** The URL to configure as the service's health URL. */
  public String url() {
    return urlOf(PATH);
  }

  /** 200 with every check ok. */
  public FakeHealthEndpoint healthy() {
    return answer(200, HEALTHY);
  }

  /** 200 with one sub-check reporting {@code word}, such as {@code database} = {@code error}. */
  public FakeHealthEndpoint failingCheck(String check, String word) {
    return answer(
        200,
        "{\"status\":\"unhealthy\",\"checks\":{\""
            + check
            + "\":\""
            + word
            + "\",\"cache\":\"ok\"}}");
  }

  /**
   * 503 with a Spring Boot style DOWN body, as a service behind a load balancer answers when down.
   */
  public FakeHealthEndpoint down() {
    return answer(503, "{\"status\":\"DOWN\",\"components\":{\"db\":{\"status\":\"DOWN\"}}}");
  }

  /** 200 with an HTML page, as a proxy or captive portal answers in front of a dead service. */
  public FakeHealthEndpoint garbage() {
    return answer(200, "<html><body>Bad gateway</body></html>", "text/html");
  }

  public FakeHealthEndpoint answer(int status, String json) {
    return answer(status, json, "application/json");
  }

  private FakeHealthEndpoint answer(int status, String body, String contentType) {
    this.answer =
        new MockResponse()
            .setResponseCode(status)
            .setHeader("Content-Type", contentType)
            .setBody(body);
    return this;
  }

  @Override
  protected MockResponse handle(RecordedRequest request) {
    if (!"GET".equals(request.getMethod()) || !PATH.equals(request.getRequestUrl().encodedPath())) {
      return new MockResponse().setResponseCode(404);
    }
    return answer.clone();
  }

  /** A loopback URL where nothing listens, so connecting is refused. */
  public static String refusedUrl() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort() + PATH;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
