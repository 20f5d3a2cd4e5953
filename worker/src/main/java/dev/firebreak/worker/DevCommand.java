package dev.firebreak.worker;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dev", mixinStandardHelpOptions = true,
    description = "Run Firebreak locally: embedded Temporal, worker, API and simulated services.")
final class DevCommand implements Callable<Integer> {

  @Option(names = "--config", description = "A firebreak.yaml; the built-in demo runbook when omitted.")
  Path config;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP API port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--temporal-port", defaultValue = "7233",
      description = "Embedded Temporal port (default ${DEFAULT-VALUE}).")
  int temporalPort;

  @Override
  public Integer call() throws InterruptedException {
    DevMode dev = DevMode.start(config, temporalPort, port, System::getenv);
    System.out.println(dev.banner());
    return RunUntilStopped.await(dev);
  }
}
