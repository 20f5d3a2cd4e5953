package dev.firebreak.worker;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Dev mode for one end-to-end test class: the class starts it (with its config and environment, on
 * free ports) and hands over the fakes it made for it; after the class's last test the extension
 * closes dev mode first, so nothing still calls a fake, then the fakes, newest first. A class that
 * fails half-way through its set-up still gets everything it started closed.
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
final class DevModeExtension implements AfterAllCallback {

  private final Deque<AutoCloseable> fakes = new ArrayDeque<>();
  private DevMode dev;

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
  public void afterAll(ExtensionContext context) throws Exception {
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
