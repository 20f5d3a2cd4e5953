package dev.firebreak.worker;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The last lines this JVM logged while attached (dev mode runs in the test's JVM, so its worker,
 * API and activities log here), in the console's format, as many as fit; older lines are dropped.
 */
final class RecentLog extends AppenderBase<ILoggingEvent> {

  private final int capacity;
  private final Deque<String> lines = new ArrayDeque<>();
  private int dropped;

  RecentLog(int capacity) {
    this.capacity = capacity;
    setName("recent-log");
  }

  /** Starts keeping what the root logger logs, at the levels the logging config lets through. */
  void attach() {
    setContext(root().getLoggerContext());
    start();
    root().addAppender(this);
  }

  void detach() {
    root().detachAppender(this);
    stop();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    StringBuilder line =
        new StringBuilder()
            .append(LocalTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), ZoneOffset.UTC))
            .append(' ')
            .append(event.getLevel())
            .append(' ')
            .append(event.getLoggerName().substring(event.getLoggerName().lastIndexOf('.') + 1))
            .append(" - ")
            .append(event.getFormattedMessage());
    for (IThrowableProxy cause = event.getThrowableProxy();
        cause != null;
        cause = cause.getCause()) {
      line.append(" | ").append(cause.getClassName()).append(": ").append(cause.getMessage());
    }
    if (lines.size() == capacity) {
      lines.removeFirst();
      dropped++;
    }
    lines.addLast(line.toString());
  }

  /** Oldest first. */
  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** How many older lines no longer fit. */
  synchronized int dropped() {
    return dropped;
  }
}
