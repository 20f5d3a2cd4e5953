package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;

/**
 * Slack's side of Socket Mode, served by {@link FakeSlack}: {@code apps.connections.open} (with the
 * app-level token) hands out a {@code ws://} URL on the fake, the socket opens with Slack's {@code
 * hello}, and a test sends envelopes as Slack would and reads the app's acknowledgement.
 */
public final class FakeSlackSocketMode {

  public static final String APP_TOKEN = "xapp-1-A0FIREBREAK-1-fake";
  static final String PATH = "/link/";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final AtomicReference<WebSocket> socket = new AtomicReference<>();
  private final Map<String, CompletableFuture<JsonNode>> acks = new ConcurrentHashMap<>();
  private final AtomicInteger tickets = new AtomicInteger();

  /** The URL {@code apps.connections.open} answers with, one ticket per call as Slack's are. */
  String connectionUrl(String serverRoot) {
    return serverRoot.replaceFirst("^http", "ws")
        + PATH.substring(1)
        + "?ticket="
        + tickets.incrementAndGet();
  }

  MockResponse upgrade() {
    return new MockResponse()
        .withWebSocketUpgrade(
            new WebSocketListener() {
              @Override
              public void onOpen(WebSocket webSocket, Response response) {
                socket.set(webSocket);
                webSocket.send(
                    "{\"type\":\"hello\",\"num_connections\":1,\"connection_info\":{\"app_id\":\"A0FIREBREAK\"},"
                        + "\"debug_info\":{\"host\":\"fake-slack\"}}");
              }

              @Override
              public void onMessage(WebSocket webSocket, String text) {
                try {
                  JsonNode ack = JSON.readTree(text);
                  CompletableFuture<JsonNode> waiting = acks.get(ack.path("envelope_id").asText());
                  if (waiting != null) {
                    waiting.complete(ack.path("payload"));
                  }
                } catch (java.io.IOException e) {
                  throw new UncheckedIOException(e);
                }
              }

              @Override
              public void onClosing(WebSocket webSocket, int code, String reason) {
                socket.compareAndSet(webSocket, null);
                webSocket.close(code, reason);
              }
            });
  }

  public boolean connected() {
    return socket.get() != null;
  }

  /**
   * A slash command as Slack delivers it over the socket: the form's fields as a JSON object.
   *
   * @return the acknowledgement's payload (the immediate answer), or a missing node when it had
   *     none
   */
  public JsonNode slashCommand(Map<String, String> fields, Duration timeout) {
    ObjectNode payload = JSON.createObjectNode();
    fields.forEach(payload::put);
    return deliver("slash_commands", payload, timeout);
  }

  /** An interaction (a button click, a form submission) as Slack delivers it over the socket. */
  public JsonNode interaction(JsonNode payload, Duration timeout) {
    return deliver("interactive", payload, timeout);
  }

  private JsonNode deliver(String type, JsonNode payload, Duration timeout) {
    WebSocket open = socket.get();
    if (open == null) {
      throw new IllegalStateException("No Socket Mode connection is open");
    }
    String envelopeId = UUID.randomUUID().toString();
    CompletableFuture<JsonNode> ack = new CompletableFuture<>();
    acks.put(envelopeId, ack);
    ObjectNode envelope =
        JSON.createObjectNode()
            .put("envelope_id", envelopeId)
            .put("type", type)
            .put("accepts_response_payload", true)
            .put("retry_attempt", 0)
            .put("retry_reason", "");
    envelope.set("payload", payload);
    open.send(envelope.toString());
    try {
      return ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "The app did not acknowledge envelope " + envelopeId + " within " + timeout, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      acks.remove(envelopeId);
    }
  }
}
