package dev.firebreak.worker;

import dev.firebreak.starter.cli.ConfigCommand;
import dev.firebreak.starter.cli.HeartbeatCommand;
import dev.firebreak.starter.cli.IncidentCommand;
import dev.firebreak.starter.cli.JobCommand;
import dev.firebreak.starter.cli.MaintenanceCommand;
import dev.firebreak.starter.cli.OnCallCommand;
import dev.firebreak.starter.cli.PlaybookCommand;
import dev.firebreak.starter.cli.RollbackCommand;
import dev.firebreak.starter.cli.SimulateCommand;
import dev.firebreak.starter.config.InvalidConfigException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code firebreak} command: processes (dev, worker, api, all) and the CLI over the API. */
@Command(
    name = "firebreak",
    mixinStandardHelpOptions = true,
    version = "Firebreak 0.1.0",
    description = "Incident and maintenance runbooks as durable Temporal workflows.",
    subcommands = {
      DevCommand.class,
      ServeCommands.WorkerCommand.class,
      ServeCommands.ApiCommand.class,
      ServeCommands.AllCommand.class,
      IncidentCommand.class,
      RollbackCommand.class,
      MaintenanceCommand.class,
      JobCommand.class,
      HeartbeatCommand.class,
      PlaybookCommand.class,
      OnCallCommand.class,
      SimulateCommand.class,
      ConfigCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Firebreak implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    CommandLine commandLine =
        new CommandLine(new Firebreak())
            .setExecutionStrategy(Firebreak::execute)
            .setExecutionExceptionHandler(
                (failure, command, parsed) -> {
                  // A person at a terminal needs the sentence, not the stack trace (that goes to
                  // the log).
                  LoggerFactory.getLogger(Firebreak.class).debug("command failed", failure);
                  command.getErr().println("error: " + failure.getMessage());
                  return failure instanceof InvalidConfigException ? 2 : 1;
                });
    System.exit(commandLine.execute(args));
  }

  /** Runs the chosen command; one that answers on standard output keeps the logs off it. */
  static int execute(CommandLine.ParseResult parsed) {
    CommandLine.ParseResult sub = parsed.subcommand();
    if (sub != null && sub.commandSpec().userObject() instanceof SimulateCommand) {
      CliLogs.errorsOnStandardError();
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
