package dev.firebreak.starter.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * One CLI invocation against a running API, as a person would type it, with what it printed and its
 * exit code.
 */
record CliRun(int exit, String out, String err) {

  static CliRun of(Object command, String apiUrl, String token, String... args) {
    String[] all = Arrays.copyOf(args, args.length + 4);
    all[args.length] = "--api";
    all[args.length + 1] = apiUrl;
    all[args.length + 2] = "--token";
    all[args.length + 3] = token;
    return local(command, all);
  }

  /** A command that needs no API, such as {@code simulate}. */
  static CliRun local(Object command, String... all) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        new CommandLine(command)
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(err))
            .execute(all);
    return new CliRun(exit, out.toString(), err.toString());
  }
}
