package dev.firebreak.starter.cli;

import dev.firebreak.starter.config.ConfigCheck;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.ConfigProblem;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code firebreak config check FILE}: every problem in a firebreak.yaml, each with its path, then
 * the warnings (what loads but will likely not work as meant), which do not fail the check.
 */
@Command(
    name = "config",
    description = "Work with firebreak.yaml.",
    mixinStandardHelpOptions = true,
    subcommands = ConfigCommand.Check.class)
public final class ConfigCommand {

  @Command(
      name = "check",
      description = "Validate a config; exits 1 and lists every problem when it is not valid.",
      mixinStandardHelpOptions = true)
  static final class Check implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (!Files.isReadable(file)) {
        spec.commandLine().getErr().println("error: cannot read " + file);
        return 1;
      }
      ConfigCheck check = ConfigLoader.forCheck(System::getenv).check(file);
      if (check.ok()) {
        out.println(
            file
                + ": OK ("
                + check.config().services().size()
                + " services, "
                + check.config().escalation().levels().size()
                + " escalation levels)");
      } else {
        out.println(file + ": " + check.problems().size() + " problem(s)");
        for (ConfigProblem problem : check.problems()) {
          out.println("  " + problem);
        }
      }
      for (ConfigProblem warning : check.warnings()) {
        out.println("  warning: " + warning);
      }
      return check.ok() ? 0 : 1;
    }
  }
}
