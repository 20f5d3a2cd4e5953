package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.firebreak.workflows.common.Clip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

/**
 * A provider fake on a loopback port: records every request, applies any injected fault first (as a
 * real provider's rate limiter or load balancer would), then lets the subclass answer like the real
 * API. Start it in a try-with-resources or close it in {@code @AfterEach}.
 */
public abstract class FakeServer implements AutoCloseable, FakeRecording {

  /** How much of a body {@link #recordedCalls} shows: enough to recognise the call. */
  private static final int RECORDED_BODY = 300;

  private static final ObjectMapper BODY_READER = new ObjectMapper();

  private final MockWebServer server = new MockWebServer();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final FaultInjection faults;

  protected FakeServer(FaultInjection faults) {
    this.faults = faults;
    server.setServerSocketFactory(new NoDelaySockets());
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            requests.add(request);
            MockResponse fault = faults.poll();
            if (fault == null) {
              return handle(request);
            }
            if (fault.getSocketPolicy() == SocketPolicy.DISCONNECT_AFTER_REQUEST) {
              handle(request); // processed, but the caller never hears about it
            }
            return fault;
          }
        });
    try {
      server.start(InetAddress.getLoopbackAddress(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Switches for the next calls: rate limits, server errors, slow answers, lost answers. */
  public FaultInjection faults() {
    return faults;
  }

  /** Answers a request like the real API. */
  protected abstract MockResponse handle(RecordedRequest request);

  /** {@code http://127.0.0.1:<port><path>}. */
  protected String urlOf(String path) {
    return server.url(path).toString();
  }

  /** Every request received so far, faults included, oldest first. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Oldest first: the method, the path and the body, cut short. */
  @Override
  public List<String> recordedCalls() {
    return requests().stream()
        .map(r -> r.getMethod() + " " + r.getPath() + " " + Clip.of(bodyOf(r), RECORDED_BODY))
        .toList();
  }

  /**
   * The request's body as text, leaving it readable for whoever asks next (tests assert on it too).
   */
  public static String bodyOf(RecordedRequest request) {
    return request.getBody().clone().readUtf8();
  }

  /** The fields of a form-encoded body ({@code application/x-www-form-urlencoded}), in order. */
  public static Map<String, String> formFields(RecordedRequest request) {
    Map<String, String> form = new LinkedHashMap<>();
    for (String pair : bodyOf(request).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      form.put(name, value);
    }
    return form;
  }

  /**
   * A JSON body as a tree, or a missing node when it is empty or not JSON: what a real API answers
   * 400 to.
   */
  protected static JsonNode readJson(String body) {
    try {
      JsonNode tree = BODY_READER.readTree(body);
      return tree == null ? MissingNode.getInstance() : tree;
    } catch (IOException notJson) {
      return MissingNode.getInstance();
    }
  }

  protected static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  @Override
  public void close() {
    try {
      server.shutdown();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
