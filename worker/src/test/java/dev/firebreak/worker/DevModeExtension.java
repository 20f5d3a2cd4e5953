package dev.firebreak.worker;

import dev.firebreak.activities.fakes.FakeRecording;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Dev mode for one end-to-end test class: the class starts it (with its config and environment, on
 * free ports) and hands over the fakes it made for it; after the class's last test the extension
 * closes dev mode first, so nothing still calls a fake, then the fakes, newest first. A class that
 * fails half-way through its set-up still gets everything it started closed.
 *
 * <p>When a test or a set-up fails, its error carries a {@link DevModeReport}: the last lines the
 * JVM logged since the class started (dev mode logs in the test's JVM) and the last calls each fake
 * that can say so ({@link FakeRecording}) received. Surefire prints it with the failure, so a CI
 * failure explains itself without the test output files.
 *
 * <pre>{@code
 * @RegisterExtension static final DevModeExtension devMode = new DevModeExtension();
 *
 * @BeforeAll static void start() throws IOException {
 *   slack = devMode.closeAfter(new FakeSlack());
 *   dev = devMode.start(Map.of("SLACK_BOT_TOKEN", slack.token(), "SLACK_API_URL", slack.apiUrlPrefix()));
 * }
 * }</pre>
 */
final class DevModeExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

  /** Enough to see what led to a failure; a whole class's log would bury it. */
  static final int LOG_LINES = 200;

  /** Per fake: the calls just before the failure. */
  static final int CALLS_PER_FAKE = 40;

  private final Deque<AutoCloseable> fakes = new ArrayDeque<>();
  private final RecentLog log = new RecentLog(LOG_LINES);
  private DevMode dev;

  @Override
  public void beforeAll(ExtensionContext context) {
    log.attach();
  }

  /** A fake dev mode calls: closed after dev mode, in the reverse order of hand-over. */
  <T extends AutoCloseable> T closeAfter(T fake) {
    fakes.push(fake);
    return fake;
  }

  /** Dev mode on the demo config. */
  DevMode start(Map<String, String> env) {
    return start(null, env::get);
  }

  /**
   * Dev mode on this config (null: the demo config), embedded Temporal and the API on free ports.
   */
  DevMode start(Path config, Function<String, String> env) {
    if (dev != null) {
      throw new IllegalStateException("dev mode is already running for this class");
    }
    dev = DevMode.start(config, FreePort.next(), FreePort.next(), env);
    return dev;
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw withReport(failure);
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw withReport(failure);
  }

  @Override
  public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw withReport(failure);
  }

  @Override
  public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    throw withReport(failure);
  }

  private Throwable withReport(Throwable failure) {
    failure.addSuppressed(new DevModeReport(report()));
    return failure;
  }

  /** The log, then each fake's calls, oldest first; each part says what it left out. */
  private String report() {
    StringBuilder text = new StringBuilder("What dev mode logged and its fakes received.\n");
    List<String> lines = log.lines();
    text.append("Log, last ").append(lines.size()).append(" lines");
    if (log.dropped() > 0) {
      text.append(" (").append(log.dropped()).append(" earlier ones left out)");
    }
    text.append(":\n");
    lines.forEach(line -> text.append("  ").append(line).append('\n'));
    for (AutoCloseable fake : fakes) {
      if (fake instanceof FakeRecording recording) {
        List<String> calls = recording.recordedCalls();
        List<String> last = calls.subList(Math.max(0, calls.size() - CALLS_PER_FAKE), calls.size());
        text.append(fake.getClass().getSimpleName())
            .append(" received ")
            .append(calls.size())
            .append(" calls")
            .append(last.size() < calls.size() ? ", the last " + last.size() : "")
            .append(":\n");
        last.forEach(call -> text.append("  ").append(call).append('\n'));
      }
    }
    return text.toString();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    log.detach();
    Exception first = null;
    if (dev != null) {
      try {
        dev.close();
      } catch (Exception e) {
        first = e;
      }
      dev = null;
    }
    while (!fakes.isEmpty()) {
      try {
        fakes.pop().close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
