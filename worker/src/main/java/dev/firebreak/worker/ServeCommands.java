package dev.firebreak.worker;

import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The production processes: {@code worker}, {@code api} and {@code all}, against TEMPORAL_ADDRESS.
 */
final class ServeCommands {

  private ServeCommands() {}

  abstract static class Serve implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "The organisation's firebreak.yaml.")
    Path config;

    @Option(
        names = "--host",
        defaultValue = "127.0.0.1",
        description = "API bind address (default ${DEFAULT-VALUE}).")
    String host;

    @Option(
        names = "--port",
        defaultValue = "8080",
        description = "API port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(
        names = "--search-attributes",
        defaultValue = "${env:FIREBREAK_SEARCH_ATTRIBUTES:-false}",
        description =
            "The cluster has FirebreakSeverity/Status/Service registered (default ${DEFAULT-VALUE}).")
    boolean searchAttributes;

    @Option(
        names = "--register-search-attributes",
        defaultValue = "${env:FIREBREAK_REGISTER_SEARCH_ATTRIBUTES:-false}",
        description =
            "Register FirebreakSeverity/Status/Service at start if missing, then use them "
                + "(needs the operator permission; default ${DEFAULT-VALUE}).")
    boolean registerSearchAttributes;

    abstract boolean runsWorker();

    abstract boolean runsApi();

    @Override
    public Integer call() throws InterruptedException {
      FirebreakConfig loaded = new ConfigLoader().load(config);
      String target = envOr("TEMPORAL_ADDRESS", "127.0.0.1:7233");
      String namespace = envOr("TEMPORAL_NAMESPACE", "default");
      boolean attributes =
          registerSearchAttributes
              ? SearchAttributeRegistration.register(
                  TemporalConnection.options(target, System::getenv).build(), namespace)
              : searchAttributes;
      FirebreakProcess process =
          FirebreakProcess.start(
              new ProcessSettings(
                  loaded,
                  System::getenv,
                  target,
                  null,
                  namespace,
                  runsWorker(),
                  runsApi(),
                  host,
                  port,
                  null,
                  attributes,
                  routes -> {}));
      return RunUntilStopped.await(process);
    }

    private static String envOr(String name, String fallback) {
      String value = System.getenv(name);
      return value == null || value.isBlank() ? fallback : value;
    }
  }

  @Command(
      name = "worker",
      mixinStandardHelpOptions = true,
      description = "Run workflows and activities.")
  static final class WorkerCommand extends Serve {
    boolean runsWorker() {
      return true;
    }

    boolean runsApi() {
      return false;
    }
  }

  @Command(name = "api", mixinStandardHelpOptions = true, description = "Serve the HTTP API.")
  static final class ApiCommand extends Serve {
    boolean runsWorker() {
      return false;
    }

    boolean runsApi() {
      return true;
    }
  }

  @Command(
      name = "all",
      mixinStandardHelpOptions = true,
      description = "Worker and HTTP API in one process.")
  static final class AllCommand extends Serve {
    boolean runsWorker() {
      return true;
    }

    boolean runsApi() {
      return true;
    }
  }
}
