package dev.firebreak.worker;

import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The Temporal server dev mode runs and owns: the embedded test server (in memory) or the Temporal
 * CLI's dev server (a real server with Schedules, visibility queries, a database file and the Web
 * UI).
 */
interface DevTemporal extends AutoCloseable {

  /** {@code host:port} of the frontend, for the Temporal UI, the CLI and other workers. */
  String target();

  /**
   * The channel dev mode's own worker and API use; it belongs to this server and closes with it.
   */
  ManagedChannel channel();

  /** What it is, for the banner. */
  String kind();

  /** The Web UI's base URL, when this server serves one. */
  Optional<String> webUi();

  /** Where incidents are kept across restarts; empty when everything is in memory. */
  Optional<Path> database();

  @Override
  void close();

  /** Today's embedded test server, unchanged. */
  static DevTemporal embedded(int port) {
    EmbeddedTemporal embedded = EmbeddedTemporal.start(port);
    return new DevTemporal() {
      @Override
      public String target() {
        return embedded.target();
      }

      @Override
      public ManagedChannel channel() {
        return embedded.inProcessChannel();
      }

      @Override
      public String kind() {
        return "embedded";
      }

      @Override
      public Optional<String> webUi() {
        return Optional.empty();
      }

      @Override
      public Optional<Path> database() {
        return Optional.empty();
      }

      @Override
      public void close() {
        embedded.close();
      }
    };
  }
}
