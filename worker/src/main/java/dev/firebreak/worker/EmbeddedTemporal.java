package dev.firebreak.worker;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev mode's Temporal: the Java SDK's test server bound to a local port, running in real time. It
 * keeps everything in memory (a restart forgets every incident) and has no Schedule API and no
 * advanced visibility, so Firebreak must never depend on either.
 */
final class EmbeddedTemporal implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporal.class);

  private final TestServicesStarter services;
  private final Server server;
  private final Server inProcessServer;
  private final ManagedChannel inProcessChannel;
  private final String target;

  private EmbeddedTemporal(
      TestServicesStarter services, Server server, Server inProcessServer, int port) {
    this.services = services;
    this.server = server;
    this.inProcessServer = inProcessServer;
    this.inProcessChannel = InProcessChannelBuilder.forName(inProcessName(port)).build();
    this.target = "127.0.0.1:" + port;
  }

  /**
   * Starts the test server on 127.0.0.1 only. {@code TestServer.createPortBoundServer} would bind
   * every interface and so hand an unauthenticated Temporal to the whole network; this wires the
   * same services (and gRPC health checks) into a loopback-bound server instead. The services are
   * built with time skipping locked, which is what makes timers fire in real time. Workers that
   * connect by the port run without sticky queues ({@link StickyQueuesOff}), so one can die.
   */
  static EmbeddedTemporal start(int port) {
    TestServicesStarter services = new TestServicesStarter(true, 0);
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    // Only the port gets the interceptor: dev mode's own worker is in process and dies with the
    // server, so it keeps sticky execution (and its cache hits); any other worker comes in by the
    // port.
    GRPCServerHelper.registerServicesAndHealthChecks(
        services.getServices(), builder, List.of(new StickyQueuesOff()));
    InProcessServerBuilder inProcess = InProcessServerBuilder.forName(inProcessName(port));
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), inProcess);
    Server server = null;
    try {
      server = builder.build().start();
      Server inProcessServer = inProcess.build().start();
      log.info(
          "Embedded Temporal test server listening on 127.0.0.1:{} (in memory, real time)", port);
      return new EmbeddedTemporal(services, server, inProcessServer, port);
    } catch (IOException e) {
      if (server != null) {
        server.shutdownNow();
      }
      services.close();
      throw new UncheckedIOException(
          "Could not start the embedded Temporal server on 127.0.0.1:"
              + port
              + " (is another Temporal or Firebreak dev running? use --temporal-port)",
          e);
    }
  }

  String target() {
    return target;
  }

  /**
   * The same server without the network: dev mode's own worker and API share its JVM, and over
   * loopback TCP every call paid for HTTP/2 framing on both sides, which took as much CPU as the
   * server itself. Others (the Temporal UI, the CLI, other workers) use {@link #target()}.
   */
  ManagedChannel inProcessChannel() {
    return inProcessChannel;
  }

  private static String inProcessName(int port) {
    return "firebreak-embedded-temporal-" + port;
  }

  @Override
  public void close() {
    inProcessChannel.shutdownNow();
    inProcessServer.shutdownNow();
    server.shutdownNow();
    services.close();
  }
}
