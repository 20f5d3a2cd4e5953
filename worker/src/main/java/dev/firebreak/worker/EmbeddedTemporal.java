package dev.firebreak.worker;

import dev.firebreak.workflows.incident.IncidentSearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev mode's Temporal: the Java SDK's test server bound to a local port, running in real time.
 * It keeps everything in memory (a restart forgets every incident) and has no Schedule API and no
 * advanced visibility, so Firebreak must never depend on either.
 */
final class EmbeddedTemporal implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporal.class);

  private final TestServer.PortBoundTestServer server;
  private final String target;

  private EmbeddedTemporal(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.target = "127.0.0.1:" + port;
  }

  static EmbeddedTemporal start(int port) {
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port, true);
    log.info("Embedded Temporal test server listening on 127.0.0.1:{} (in memory, real time)", port);
    return new EmbeddedTemporal(server, port);
  }

  String target() {
    return target;
  }

  /**
   * Registers Firebreak's search attributes so the UI can filter incidents. Returns false (and the
   * workflows then skip upserting them) if the server refuses, rather than failing dev mode.
   */
  boolean registerSearchAttributes(String namespace) {
    Map<String, IndexedValueType> attributes = new LinkedHashMap<>();
    IncidentSearchAttributes.ALL.forEach(
        key -> attributes.put(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder().setTarget(target).validateAndBuildWithDefaults());
    try {
      operator.blockingStub().addSearchAttributes(
          AddSearchAttributesRequest.newBuilder()
              .setNamespace(namespace)
              .putAllSearchAttributes(attributes)
              .build());
      log.info("Registered search attributes {}", attributes.keySet());
      return true;
    } catch (RuntimeException refused) {
      log.warn("Search attributes not registered ({}); incidents run without them", refused.getMessage());
      return false;
    } finally {
      operator.shutdownNow();
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
