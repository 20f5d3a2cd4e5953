package dev.firebreak.starter.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.firebreak.starter.config.ConfigCheck;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.ConfigProblem;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.simulation.PagingSimulator;
import dev.firebreak.starter.simulation.Simulation;
import dev.firebreak.starter.simulation.SimulationRequest;
import dev.firebreak.starter.simulation.SimulationRequests;
import dev.firebreak.starter.simulation.SimulationTable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code firebreak simulate}: who a page would reach, from a config file alone. It runs the real
 * incident workflow on a time-skipping server inside this process; nobody is paged and no server is
 * needed. Exits 2 for a config with problems, 1 for a request it cannot simulate.
 */
@Command(
    name = "simulate",
    description =
        "Simulate an incident's paging: when each level is paged, which target, who a schedule"
            + " resolves to, by which channel, and where nobody is reached.",
    mixinStandardHelpOptions = true)
public final class SimulateCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "firebreak.yaml")
  Path config;

  @Option(names = "--severity", required = true, description = "P0 to P4")
  String severity;

  @Option(names = "--service", required = true, description = "a service of the config")
  String service;

  @Option(
      names = "--at",
      required = true,
      description = "when it is declared, with its zone: \"2026-12-25T03:00 Europe/London\"")
  String at;

  @Option(
      names = "--ack-after",
      paramLabel = "DURATION",
      description = "someone acknowledges this long after the declaration (at most 24h)")
  String ackAfter;

  @Option(names = "--json", description = "print the simulation as JSON")
  boolean json;

  @Spec CommandSpec spec;

  private final Clock clock;

  public SimulateCommand() {
    this(Clock.systemUTC());
  }

  /** With the clock a test pins, since {@code --at} must be within a year of now. */
  SimulateCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws JsonProcessingException {
    PrintWriter out = TerminalSafeWriter.around(spec.commandLine().getOut());
    PrintWriter err = TerminalSafeWriter.around(spec.commandLine().getErr());
    if (!Files.isReadable(config)) {
      err.println("error: cannot read " + config);
      return 2;
    }
    ConfigCheck check = ConfigLoader.forCheck(System::getenv).check(config);
    if (!check.ok()) {
      err.println(
          "error: "
              + config
              + " has "
              + check.problems().size()
              + " problem(s); `firebreak config check` lists them:");
      for (ConfigProblem problem : check.problems()) {
        err.println("  " + problem);
      }
      return 2;
    }
    SimulationRequest request;
    try {
      request = new SimulationRequests(check.config(), clock).read(severity, service, at, ackAfter);
    } catch (Refusal refusal) {
      err.println("error: " + refusal.getMessage());
      return 1;
    }
    Simulation simulation = new PagingSimulator(check.config()).run(request);
    out.print(json ? json(simulation) : SimulationTable.render(simulation));
    out.flush();
    return 0;
  }

  private static String json(Simulation simulation) throws JsonProcessingException {
    return JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build()
            .writeValueAsString(simulation)
        + "\n";
  }
}
