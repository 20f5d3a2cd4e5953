package dev.firebreak.starter.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Slack's response_url endpoint on loopback, for tests whose answers arrive later: it keeps every
 * message posted to it and answers 200 {@code ok}, as Slack does.
 */
final class ResponseUrlCatcher implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<JsonNode> received = new CopyOnWriteArrayList<>();

  ResponseUrlCatcher() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          received.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
          byte[] ok = "ok".getBytes();
          exchange.sendResponseHeaders(200, ok.length);
          exchange.getResponseBody().write(ok);
          exchange.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/actions/T0FAKE/1/response";
  }

  /** Every message as posted, oldest first. */
  List<JsonNode> received() {
    return List.copyOf(received);
  }

  List<String> texts() {
    return received.stream().map(message -> message.path("text").asText()).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
