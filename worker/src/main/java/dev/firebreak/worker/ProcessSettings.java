package dev.firebreak.worker;

import dev.firebreak.starter.config.FirebreakConfig;
import io.grpc.ManagedChannel;
import io.javalin.config.RoutesConfig;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What one Firebreak process runs and where.
 *
 * @param embeddedChannel dev mode's in-process channel to its embedded server, used instead of
 *     {@code temporalTarget}; null to connect over the network
 * @param devToken an extra admin token (dev mode's {@code dev-token}); null in production
 * @param apiPort 0 picks a free port (tests)
 */
record ProcessSettings(
    FirebreakConfig config,
    Function<String, String> env,
    String temporalTarget,
    ManagedChannel embeddedChannel,
    String namespace,
    boolean runWorker,
    boolean runApi,
    String apiHost,
    int apiPort,
    String devToken,
    boolean searchAttributes,
    Consumer<RoutesConfig> extraRoutes) {

  /**
   * Only {@code ./firebreak dev} adds a dev token, so its presence is what tells dev mode apart.
   */
  boolean devMode() {
    return devToken != null;
  }
}
