package dev.firebreak.starter.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A CLI command that calls the API: prints what it gets, or the API's error message and exits 1.
 */
abstract class ApiCommand implements Callable<Integer> {

  @Mixin ApiOptions options;
  @Spec CommandSpec spec;

  /**
   * Everything printed passes {@link TerminalSafeWriter}: what the API answers holds other people's
   * text.
   */
  @Override
  public final Integer call() {
    PrintWriter out = TerminalSafeWriter.around(spec.commandLine().getOut());
    try {
      run(new ApiClient(options), out);
      return 0;
    } catch (ApiCallException e) {
      PrintWriter err = TerminalSafeWriter.around(spec.commandLine().getErr());
      err.println("error: " + e.getMessage());
      err.flush();
      return 1;
    } finally {
      out.flush();
    }
  }

  abstract void run(ApiClient api, PrintWriter out);

  /** A request body from key/value pairs, leaving out options the user did not give. */
  static Map<String, Object> body(Object... keysAndValues) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        body.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return body;
  }
}
