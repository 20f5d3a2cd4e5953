package dev.firebreak.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the CLI prints holds text other people gave the API: a terminal shows it and never obeys it,
 * whichever command prints it. The API is a local fake answering every field with the text.
 */
class CliTerminalOutputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VISIBLE = "VISIBLE";

  private static final List<String> HOSTILE =
      List.of(
          "\u001b[2J\u001b[31m" + VISIBLE + "\u001b[0m",
          "\u001b]0;owned\u0007" + VISIBLE,
          "fake line\r" + VISIBLE,
          "\u202e" + VISIBLE + "\u202c and \u2066isolated\u2069 \u200f",
          "\u009b31m" + VISIBLE + "\u0008\u007f",
          VISIBLE + "\u0000\u0005");

  private HttpServer server;
  private volatile String hostile;

  @BeforeEach
  void startFakeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  @AfterEach
  void stopFakeApi() {
    server.stop(0);
  }

  static Stream<Arguments> commandsAndTexts() {
    List<Named<Invocation>> commands =
        List.of(
            invocation("incident show", IncidentCommand::new, "show", "INC-1"),
            invocation("incident list", IncidentCommand::new, "list"),
            invocation(
                "incident show --postmortem",
                IncidentCommand::new,
                "show",
                "INC-1",
                "--postmortem"),
            invocation("incident ack (the API's error)", IncidentCommand::new, "ack", "INC-1"),
            invocation("maintenance show", MaintenanceCommand::new, "show", "MW-1"),
            invocation("maintenance list", MaintenanceCommand::new, "list"),
            invocation("rollback show", RollbackCommand::new, "show", "rb-1"),
            invocation("job show", JobCommand::new, "show", "nightly"),
            invocation("job list", JobCommand::new, "list"));
    return commands.stream()
        .flatMap(command -> HOSTILE.stream().map(text -> Arguments.of(command, text)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("commandsAndTexts")
  void controlCharactersAndBidiOverridesNeverReachTheTerminal(Invocation command, String text) {
    hostile = text;

    CliRun run =
        CliRun.of(
            command.command().get(),
            "http://127.0.0.1:" + server.getAddress().getPort(),
            "token",
            command.args());

    String printed = run.out() + run.err();
    assertThat(printed).as("what was printed").contains(VISIBLE);
    assertThat(printed.chars().filter(c -> c != '\n' && c != '\t'))
        .as("control characters in %s", printed.replace("\u001b", "ESC"))
        .noneMatch(
            c ->
                Character.isISOControl(c)
                    || c == 0x061C
                    || c == 0x200E
                    || c == 0x200F
                    || (c >= 0x202A && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069));
  }

  record Invocation(Supplier<Object> command, String... args) {}

  private static Named<Invocation> invocation(
      String name, Supplier<Object> command, String... args) {
    return Named.of(name, new Invocation(command, args));
  }

  /** Every GET answers with the text in every field the printers read; every POST fails with it. */
  private void answer(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    int status = 200;
    String body;
    if (exchange.getRequestMethod().equals("POST")) {
      status = 409;
      body =
          JSON.writeValueAsString(
              JSON.createObjectNode().put("error", "conflict").put("message", hostile));
    } else if (path.endsWith("/postmortem")) {
      body = "# Incident Report: " + hostile + "\n\n## Summary\n" + hostile + "\n";
    } else if (path.chars().filter(c -> c == '/').count() == 3) {
      body = JSON.writeValueAsString(JSON.createArrayNode().add(everyField()));
    } else {
      body = JSON.writeValueAsString(everyField());
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private ObjectNode everyField() {
    ObjectNode node = JSON.createObjectNode();
    for (String field :
        List.of(
            "id",
            "workflowId",
            "title",
            "severity",
            "service",
            "status",
            "commander",
            "declaredAt",
            "declaredBy",
            "acknowledgedBy",
            "resolvedAt",
            "latestUpdate",
            "waitingFor",
            "start",
            "end",
            "requestedBy",
            "incidentId",
            "outcome",
            "platform",
            "toDeployment",
            "fromDeployment",
            "reason",
            "name",
            "cron",
            "timeZone",
            "action",
            "pausedBy")) {
      node.put(field, hostile);
    }
    node.putArray("services").add(hostile);
    node.putArray("suggestions").add(hostile);
    ObjectNode entry =
        JSON.createObjectNode()
            .put("at", hostile)
            .put("kind", hostile)
            .put("actor", hostile)
            .put("text", hostile);
    node.putArray("timeline").add(entry);
    node.putArray("steps").add(entry.deepCopy());
    ArrayNode history = node.putArray("history");
    history
        .addObject()
        .put("number", hostile)
        .put("startedAt", hostile)
        .put("outcome", hostile)
        .put("detail", hostile)
        .putObject("trigger")
        .put("by", hostile);
    node.putObject("lastRun").put("outcome", hostile);
    node.putObject("lastSuccess").put("finishedAt", hostile);
    return node;
  }
}
