package dev.firebreak.worker;

import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.ServiceConfig;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Everything on one machine for trying Firebreak: a Temporal server (embedded, or the Temporal
 * CLI's dev server), the worker, the API and the simulated health endpoints and status pages of the
 * demo services.
 */
final class DevMode implements AutoCloseable {

  static final String DEFAULT_DEV_TOKEN = "dev-token";

  /** The demo heartbeat's ping token variable, and what dev mode sets it to when it is unset. */
  static final String DEMO_PING_VARIABLE = "FIREBREAK_DEMO_PING_TOKEN";

  static final String DEFAULT_DEMO_PING_TOKEN = "demo-ping";
  static final String NAMESPACE = "default";

  /** Relative to the working directory, like the config file dev mode is usually given. */
  static final Path STATE_DIRECTORY = Path.of(".firebreak");

  private final DevTemporal temporal;
  private final FirebreakProcess process;
  private final String apiUrl;
  private final String devToken;
  private final String demoPingToken;
  private final FirebreakConfig config;

  private DevMode(
      DevTemporal temporal,
      FirebreakProcess process,
      String apiUrl,
      String devToken,
      String demoPingToken,
      FirebreakConfig config) {
    this.temporal = temporal;
    this.process = process;
    this.apiUrl = apiUrl;
    this.devToken = devToken;
    this.demoPingToken = demoPingToken;
    this.config = config;
  }

  /**
   * @param configFile null for the built-in demo runbook
   * @param apiPort the API port; the demo config's URLs point at it, so it must be known up front
   */
  static DevMode start(
      Path configFile, int temporalPort, int apiPort, Function<String, String> env) {
    return start(configFile, temporalPort, apiPort, env, STATE_DIRECTORY);
  }

  /**
   * @param stateDirectory where dev mode keeps what must outlive its in-memory server (the ids it
   *     issued)
   */
  static DevMode start(
      Path configFile,
      int temporalPort,
      int apiPort,
      Function<String, String> env,
      Path stateDirectory) {
    return start(
        configFile, () -> DevTemporal.embedded(temporalPort), apiPort, env, stateDirectory);
  }

  /**
   * @param temporal starts the server dev mode runs on and owns (closed with it, or at once if
   *     start fails)
   */
  static DevMode start(
      Path configFile, Supplier<DevTemporal> temporal, int apiPort, Function<String, String> env) {
    return start(configFile, temporal, apiPort, env, STATE_DIRECTORY);
  }

  static DevMode start(
      Path configFile,
      Supplier<DevTemporal> temporal,
      int apiPort,
      Function<String, String> env,
      Path stateDirectory) {
    String apiUrl = "http://127.0.0.1:" + apiPort;
    ConfigLoader loader = new ConfigLoader(Map.of(ConfigLoader.DEV_URL_VARIABLE, apiUrl));
    FirebreakConfig config = configFile == null ? loader.loadDemo() : loader.load(configFile);
    String devToken = env.apply("FIREBREAK_DEV_TOKEN");
    if (devToken == null || devToken.isBlank()) {
      devToken = DEFAULT_DEV_TOKEN;
    }
    DevTemporal server = temporal.get();
    try {
      boolean searchAttributes =
          SearchAttributeRegistration.register(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build(),
              NAMESPACE);
      DevSimulation simulation =
          new DevSimulation(
              config.services().stream().map(ServiceConfig::name).collect(Collectors.toSet()),
              dependencies(config));
      FirebreakProcess process =
          FirebreakProcess.start(
              new ProcessSettings(
                  config,
                  withDemoPingToken(
                      withAlertJournal(withDevUrl(env, apiUrl), server, stateDirectory)),
                  server.target(),
                  server.channel(),
                  NAMESPACE,
                  true,
                  true,
                  "127.0.0.1",
                  apiPort,
                  devToken,
                  searchAttributes,
                  simulation::register),
              DevIssuedIds.in(stateDirectory));
      return new DevMode(
          server,
          process,
          apiUrl,
          devToken,
          withDemoPingToken(env).apply(DEMO_PING_VARIABLE),
          config);
    } catch (RuntimeException failed) {
      server.close();
      throw failed;
    }
  }

  /**
   * The process's environment with {@code ${FIREBREAK_DEV_URL}} set to this server, so a configured
   * step or job that calls the dev server expands it as it expands its secrets.
   */
  private static Function<String, String> withDevUrl(Function<String, String> env, String apiUrl) {
    return name -> ConfigLoader.DEV_URL_VARIABLE.equals(name) ? apiUrl : env.apply(name);
  }

  /**
   * The demo heartbeat can be pinged with one curl line: its token variable has a default here (and
   * only here), so a new user needs to export nothing.
   */
  private static Function<String, String> withDemoPingToken(Function<String, String> env) {
    return name -> {
      String value = env.apply(name);
      return DEMO_PING_VARIABLE.equals(name) && (value == null || value.isBlank())
          ? DEFAULT_DEMO_PING_TOKEN
          : value;
    };
  }

  /**
   * On a server that keeps its database, dev mode answers alerts once they are in a journal under
   * its state directory (unless {@code FIREBREAK_ALERT_JOURNAL} says otherwise), and a restart
   * delivers what it had accepted. The embedded server forgets its incidents at a restart, so there
   * alerts are delivered before the answer, as before.
   */
  private static Function<String, String> withAlertJournal(
      Function<String, String> env, DevTemporal server, Path stateDirectory) {
    if (server.database().isEmpty()) {
      return env;
    }
    String journal = stateDirectory.resolve("alert-journal").toAbsolutePath().toString();
    return name -> {
      String value = env.apply(name);
      return FirebreakProcess.ALERT_JOURNAL_VARIABLE.equals(name) && value == null
          ? journal
          : value;
    };
  }

  private static Set<String> dependencies(FirebreakConfig config) {
    Set<String> names = new TreeSet<>();
    config.services().forEach(s -> s.dependencies().forEach(d -> names.add(d.name())));
    return names;
  }

  String apiUrl() {
    return apiUrl;
  }

  FirebreakProcess process() {
    return process;
  }

  /** What a new user needs on screen: where things are and one line to try. */
  String banner() {
    String firstService =
        config.services().isEmpty() ? "my-service" : config.services().get(0).name();
    StringBuilder text = new StringBuilder();
    text.append("\n  Firebreak dev mode is running (")
        .append(
            temporal
                .database()
                .map(db -> "incidents are kept in " + db + ": a restart carries on")
                .orElse("everything is in memory: a restart forgets it all"))
        .append(")\n\n");
    text.append("  Temporal (")
        .append(temporal.kind())
        .append(") ")
        .append(temporal.target())
        .append("   namespace ")
        .append(NAMESPACE)
        .append('\n');
    temporal
        .webUi()
        .ifPresent(
            ui -> text.append("  Temporal Web UI     ").append(incidentList(ui)).append('\n'));
    text.append("  HTTP API            ")
        .append(apiUrl)
        .append("   token: ")
        .append(devToken)
        .append('\n');
    text.append("  Services            ")
        .append(
            config.services().stream().map(ServiceConfig::name).collect(Collectors.joining(", ")))
        .append('\n');
    process.providerSummary().forEach(line -> text.append("  ").append(line).append('\n'));
    text.append("\n  Declare an incident:\n");
    text.append("    curl -s -XPOST ")
        .append(apiUrl)
        .append("/api/v1/incidents -H 'Authorization: Bearer ")
        .append(devToken)
        .append("' -H 'Content-Type: application/json' \\\n")
        .append("      -d '{\"title\":\"Checkout returns 500\",\"severity\":\"P1\",\"service\":\"")
        .append(firstService)
        .append("\"}'\n");
    text.append("  Break a service (then try to resolve):\n");
    text.append("    curl -s -XPOST ")
        .append(apiUrl)
        .append("/dev/services/")
        .append(firstService)
        .append("/health -d '{\"healthy\":false}'\n");
    text.append("  Or with the CLI: ./firebreak incident list\n");
    config.heartbeats().stream()
        .filter(h -> h.pingToken() != null && h.pingToken().contains(DEMO_PING_VARIABLE))
        .findFirst()
        .ifPresent(
            h ->
                text.append("  Ping the demo heartbeat (")
                    .append(h.name())
                    .append(": late after ")
                    .append(h.period())
                    .append(" without a ping, down ")
                    .append(h.grace())
                    .append(" later):\n    curl -fsS ")
                    .append(apiUrl)
                    .append("/ping/")
                    .append(demoPingToken)
                    .append('\n'));
    return text.toString();
  }

  /** The Web UI's workflow list filtered to incidents. */
  static String incidentList(String webUi) {
    return webUi
        + workflowsMatching("WorkflowType=\"" + IncidentWorkflow.class.getSimpleName() + "\"");
  }

  /**
   * The path of the Web UI's workflow list filtered by a visibility query; under {@code /api/v1}
   * the Web UI's own API answers the same list as JSON, which is what the page reads.
   */
  static String workflowsMatching(String query) {
    return "/namespaces/"
        + NAMESPACE
        + "/workflows?query="
        + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20");
  }

  DevTemporal temporal() {
    return temporal;
  }

  @Override
  public void close() {
    process.close();
    temporal.close();
  }
}
