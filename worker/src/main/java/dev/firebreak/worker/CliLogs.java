package dev.firebreak.worker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.util.Iterator;
import org.slf4j.LoggerFactory;

/**
 * Logging for a CLI command whose standard output is its answer ({@code simulate} prints a table or
 * JSON to pipe on): the console appender moves to standard error and only errors are shown, so the
 * workflow's own lines ("Paging level 1 …") neither interleave with the table nor break the JSON.
 * The serving processes keep their logs as configured.
 */
final class CliLogs {

  private CliLogs() {}

  static void errorsOnStandardError() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    // The simulated workflow warns as a real one would ("escalation exhausted"), and the SDK warns
    // that the in-process server has no worker heartbeats: the answer already says what matters.
    root.setLevel(Level.ERROR);
    context.getLogger("io.temporal").setLevel(Level.ERROR);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      if (it.next() instanceof ConsoleAppender<ILoggingEvent> console) {
        console.stop();
        console.setTarget("System.err");
        console.start();
      }
    }
  }
}
