package dev.firebreak.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One browser tab driven over Chromium's DevTools protocol: JSON commands on a WebSocket, each
 * answered by a message with the same id (events, which carry no id, are ignored). Only the handful
 * of commands a page check needs: open a URL, run a script, read the rendered text, take a
 * screenshot.
 */
final class DevToolsPage implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(250);

  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final WebSocket socket;

  private DevToolsPage(URI webSocketUrl) {
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(webSocketUrl, new Replies())
            .join();
  }

  static DevToolsPage connect(URI webSocketUrl) {
    return new DevToolsPage(webSocketUrl);
  }

  /**
   * Opens the URL and returns once its document has loaded (a single-page app may still be
   * fetching).
   */
  void open(String url) throws InterruptedException {
    JsonNode result = call("Page.navigate", Map.of("url", url));
    if (result.hasNonNull("errorText")) {
      throw new IllegalStateException(
          "Chromium could not open " + url + ": " + result.get("errorText").asText());
    }
    String origin = URI.create(url).resolve("/").toString();
    String loaded =
        "document.readyState === 'complete' && (location.origin + '/') === '" + origin + "'";
    Instant deadline = Instant.now().plus(COMMAND_TIMEOUT);
    while (!evaluate(loaded).asBoolean(false)) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Chromium did not finish loading " + url);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /**
   * What a reader sees on the page now: the body's rendered text and that of its frames (the Web UI
   * renders Markdown, such as a workflow's summary, in a sandboxed frame whose source is all a
   * script outside it can read).
   */
  String text() {
    return evaluate(
            """
        [document.body ? document.body.innerText : '',
         ...Array.from(document.querySelectorAll('iframe')).map(frame =>
             frame.contentDocument && frame.contentDocument.body ? frame.contentDocument.body.innerText : frame.srcdoc || '')
        ].join('\\n')""")
        .asText("");
  }

  /**
   * Waits until the page's text contains every one of the texts (a single-page app renders after
   * its API calls return) and returns that text; fails with what the page showed instead.
   */
  String waitForText(Duration timeout, String... texts) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    String text = text();
    while (!Stream.of(texts).allMatch(text::contains)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "After "
                + timeout.toSeconds()
                + " s the page does not show all of "
                + String.join(", ", texts)
                + "; it shows:\n"
                + text);
      }
      Thread.sleep(POLL.toMillis());
      text = text();
    }
    return text;
  }

  /** Runs a script in the page and returns its value. */
  JsonNode evaluate(String script) {
    JsonNode result = call("Runtime.evaluate", Map.of("expression", script, "returnByValue", true));
    if (result.has("exceptionDetails")) {
      throw new IllegalStateException(
          "The page's script failed: " + result.get("exceptionDetails"));
    }
    return result.path("result").path("value");
  }

  /** The page's current DOM as HTML, for a reader to see what was rendered when a check failed. */
  String html() {
    return evaluate("document.documentElement.outerHTML").asText("");
  }

  void screenshot(Path png) {
    JsonNode result = call("Page.captureScreenshot", Map.of("format", "png"));
    try {
      Files.createDirectories(png.toAbsolutePath().getParent());
      Files.write(png, Base64.getDecoder().decode(result.get("data").asText()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode call(String method, Map<String, Object> params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> reply = new CompletableFuture<>();
    pending.put(id, reply);
    try {
      socket
          .sendText(
              JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
          .join();
      JsonNode answer = reply.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (answer.has("error")) {
        throw new IllegalStateException(method + " failed: " + answer.get("error"));
      }
      return answer.path("result");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " was interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(method + " got no answer from Chromium", e);
    } finally {
      pending.remove(id);
    }
  }

  /**
   * Drops the connection without a closing handshake: Chromium is stopped right after, or already
   * gone.
   */
  @Override
  public void close() {
    socket.abort();
  }

  /**
   * Collects a message's fragments (a screenshot arrives in many) and hands each reply to its
   * caller.
   */
  private final class Replies implements WebSocket.Listener {

    private final StringBuilder message = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      message.append(data);
      if (last) {
        try {
          JsonNode reply = JSON.readTree(message.toString());
          CompletableFuture<JsonNode> caller =
              reply.has("id") ? pending.get(reply.get("id").asInt()) : null;
          if (caller != null) {
            caller.complete(reply);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          message.setLength(0);
        }
      }
      webSocket.request(1);
      return null;
    }
  }
}
