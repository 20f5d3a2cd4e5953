package dev.firebreak.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A headless Chromium for a test class, driven over its DevTools protocol (no browser download, no
 * Node): Debian's {@code chromium}, found by {@code CHROMIUM} (a path) or {@code chromium} on the
 * {@code PATH}. Without one every test of the class is reported skipped with a notice; with {@code
 * FIREBREAK_REQUIRE_CHROMIUM=true} (CI, when it could install the package) the class fails instead.
 *
 * <pre>{@code @RegisterExtension static final HeadlessChromium chromium = new HeadlessChromium();}
 * </pre>
 */
final class HeadlessChromium implements ExecutionCondition, BeforeAllCallback, AfterAllCallback {

  static final String ENV_VARIABLE = "CHROMIUM";
  static final String REQUIRE_VARIABLE = "FIREBREAK_REQUIRE_CHROMIUM";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

  private Path directory;
  private Process process;
  private DevToolsPage page;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> missing = missing(System::getenv);
    return context.getTestMethod().isPresent() && missing.isPresent()
        ? ConditionEvaluationResult.disabled(missing.get())
        : ConditionEvaluationResult.enabled("Chromium is installed, or required");
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Optional<String> missing = missing(System::getenv);
    if (missing.isPresent()) {
      System.err.println("SKIPPED " + context.getDisplayName() + ": " + missing.get());
      return;
    }
    directory = Files.createTempDirectory("firebreak-chromium-");
    // The sandbox needs user namespaces that containers and CI runners as root often lack; the
    // pages
    // opened are the test's own loopback servers, so running without it costs nothing here.
    process =
        new ProcessBuilder(
                find(System::getenv).orElseThrow().toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--window-size=1600,1000",
                "--remote-debugging-port=0",
                "--user-data-dir=" + directory.resolve("profile"),
                "about:blank")
            .redirectErrorStream(true)
            .redirectOutput(directory.resolve("chromium.log").toFile())
            .start();
    page = DevToolsPage.connect(pageSocket(devToolsPort()));
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (page != null) {
      page.close();
    }
    if (process != null) {
      CliTemporal.destroyTree(process, STOP_TIMEOUT);
    }
    if (directory != null) {
      MissingTool.deleteTree(directory);
    }
  }

  DevToolsPage page() {
    return page;
  }

  /** Chromium writes the port it chose into the profile once its DevTools endpoint listens. */
  private int devToolsPort() throws IOException, InterruptedException {
    Path portFile = directory.resolve("profile").resolve("DevToolsActivePort");
    Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
    while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "Chromium did not open its DevTools port; its output:\n"
                + Files.readString(directory.resolve("chromium.log")));
      }
      Thread.sleep(100);
    }
    return Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
  }

  /** The WebSocket of the tab Chromium opened at start. */
  private static URI pageSocket(int port) throws IOException, InterruptedException {
    HttpResponse<String> targets =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    JsonNode list = new ObjectMapper().readTree(targets.body());
    return StreamSupport.stream(list.spliterator(), false)
        .filter(target -> target.path("type").asText().equals("page"))
        .map(target -> URI.create(target.get("webSocketDebuggerUrl").asText()))
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("Chromium has no tab open: " + targets.body()));
  }

  /**
   * {@code CHROMIUM} if set, else {@code chromium} on the {@code PATH}. A path that was asked for
   * but is not an executable is an error rather than a quiet skip.
   */
  static Optional<Path> find(Function<String, String> env) {
    String explicit = env.apply(ENV_VARIABLE);
    if (explicit != null && !explicit.isBlank()) {
      Path chromium = Path.of(explicit.trim());
      if (!Files.isRegularFile(chromium) || !Files.isExecutable(chromium)) {
        throw new IllegalArgumentException(
            ENV_VARIABLE + " names " + chromium + ", which is not an executable");
      }
      return Optional.of(chromium);
    }
    String path = env.apply("PATH");
    return path == null
        ? Optional.empty()
        : Stream.of(path.split(File.pathSeparator))
            .filter(dir -> !dir.isBlank())
            .map(dir -> Path.of(dir, "chromium"))
            .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
            .findFirst();
  }

  /**
   * Why the tests cannot run (no Chromium), or nothing when they can; fails where Chromium is
   * required.
   */
  static Optional<String> missing(Function<String, String> env) {
    return MissingTool.notice(
        find(env).isPresent(),
        "No Chromium (set "
            + ENV_VARIABLE
            + " to its path or put "
            + "chromium on PATH; apt-get install chromium): the checks of the Temporal Web UI do not run",
        REQUIRE_VARIABLE,
        env);
  }
}
