package dev.firebreak.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A command on one named thing (a job, a heartbeat): {@code POST <base>/<name>/<verb>} with an
 * optional {@code --reason}, its answer printed as {@code show} prints it.
 */
abstract class NamedCommand extends ApiCommand {

  @Parameters(index = "0", paramLabel = "NAME")
  String name;

  @Option(names = "--reason")
  String reason;

  /** The collection's path, such as {@code /api/v1/jobs}. */
  abstract String base();

  /** The last path segment, such as {@code pause}. */
  abstract String verb();

  abstract void print(JsonNode answer, PrintWriter out);

  static String path(String base, String name) {
    return base + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8);
  }

  @Override
  void run(ApiClient api, PrintWriter out) {
    print(api.post(path(base(), name) + "/" + verb(), body("reason", reason)), out);
  }
}
