package dev.firebreak.activities.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.activities.fakes.FakeHttpEndpoint;
import dev.firebreak.activities.fakes.IdleClosingServer;
import dev.firebreak.activities.fakes.IdleClosingServer.Close;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HttpTransportTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final Duration IDLE_TIMEOUT = Duration.ofMillis(150);

  private final HttpTransport transport = HttpTransport.withCallDeadlinesOnly();

  static Stream<Arguments> safeMethods() {
    return combine(List.of("GET", "HEAD"));
  }

  static Stream<Arguments> unsafeMethods() {
    return combine(List.of("POST", "PUT", "PATCH", "DELETE"));
  }

  private static Stream<Arguments> combine(List<String> methods) {
    List<Arguments> arguments = new ArrayList<>();
    for (String method : methods) {
      for (Close close : Close.values()) {
        arguments.add(Arguments.of(method, close));
      }
    }
    return arguments.stream();
  }

  private static Request request(String method, String url) {
    RequestBody body =
        method.equals("GET") || method.equals("HEAD")
            ? null
            : RequestBody.create(new byte[] {'{', '}'});
    return new Request.Builder().url(url).method(method, body).build();
  }

  /**
   * One GET that leaves its connection in the pool, and the wait until the server has dropped it.
   */
  private void leaveAConnectionTheServerClosesWhileIdle(IdleClosingServer server) throws Exception {
    transport.exchange(request("GET", server.url("/health")), TIMEOUT);
    server.awaitIdleClosed(1);
  }

  @ParameterizedTest(name = "{0} after a {1} close")
  @MethodSource("safeMethods")
  void aSafeRequestOnAConnectionTheServerClosedWhileIdleIsAnsweredOnAFreshConnection(
      String method, Close close) throws Exception {
    try (IdleClosingServer server = new IdleClosingServer(IDLE_TIMEOUT, close)) {
      leaveAConnectionTheServerClosesWhileIdle(server);

      HttpReply reply = transport.exchange(request(method, server.url("/health")), TIMEOUT);

      assertThat(reply.status()).isEqualTo(200);
      assertThat(server.requests()).containsExactly("GET /health", method + " /health");
      assertThat(server.connections()).isEqualTo(2);
    }
  }

  @ParameterizedTest(name = "{0} after a {1} close")
  @MethodSource("unsafeMethods")
  void anUnsafeRequestOnAConnectionTheServerClosedWhileIdleIsNotSentAgain(
      String method, Close close) throws Exception {
    try (IdleClosingServer server = new IdleClosingServer(IDLE_TIMEOUT, close)) {
      leaveAConnectionTheServerClosesWhileIdle(server);

      assertThatThrownBy(
              () -> transport.exchange(request(method, server.url("/incidents")), TIMEOUT))
          .isInstanceOf(IOException.class);

      assertThat(server.requests()).containsExactly("GET /health");
      assertThat(server.connections()).isEqualTo(1);
    }
  }

  @Test
  void aSafeRequestThatFailsOnAConnectionItOpenedItselfIsNotSentAgain() {
    try (FakeHttpEndpoint server = new FakeHttpEndpoint()) {
      server.faults().disconnectNext(1);

      assertThatThrownBy(() -> transport.exchange(request("GET", server.url("/health")), TIMEOUT))
          .isInstanceOf(IOException.class);

      assertThat(server.requests()).hasSize(1);
    }
  }
}
