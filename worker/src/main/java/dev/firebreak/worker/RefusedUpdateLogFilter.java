package dev.firebreak.worker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.temporal.failure.ApplicationFailure;
import java.util.Set;
import org.slf4j.Marker;

/**
 * Keeps refused commands out of the warnings. The Temporal SDK logs every {@link
 * ApplicationFailure} an update validator or handler throws as a WARN "Workflow execution failure"
 * with its stack trace, yet such a failure is the workflow's answer to the caller ("already
 * acknowledged", "health checks failing"): the caller gets it as a 409, and the API and the
 * workflow already log the refusal at INFO in one line. Anything else the SDK warns about (a
 * workflow that fails, an update handler that breaks with an unexpected exception) is still logged
 * as it was.
 */
public final class RefusedUpdateLogFilter extends TurboFilter {

  static final String SDK_LOGGER = "io.temporal.internal.sync.WorkflowExecutionHandler";
  private static final Set<String> UPDATE_ENTRY_POINTS =
      Set.of("handleValidateUpdate", "handleExecuteUpdate");

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != Level.WARN
        || !SDK_LOGGER.equals(logger.getName())
        || !(thrown(t, params) instanceof ApplicationFailure failure)) {
      return FilterReply.NEUTRAL;
    }
    for (StackTraceElement frame : failure.getStackTrace()) {
      if (SDK_LOGGER.equals(frame.getClassName())
          && UPDATE_ENTRY_POINTS.contains(frame.getMethodName())) {
        return FilterReply.DENY;
      }
    }
    return FilterReply.NEUTRAL;
  }

  /**
   * The SDK passes the failure as the last argument of its message, where logback finds it later.
   */
  private static Throwable thrown(Throwable t, Object[] params) {
    if (t != null || params == null || params.length == 0) {
      return t;
    }
    return params[params.length - 1] instanceof Throwable last ? last : null;
  }
}
