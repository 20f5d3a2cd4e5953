package dev.firebreak.worker;

import dev.firebreak.workflows.heartbeat.HeartbeatSearchAttributes;
import dev.firebreak.workflows.incident.IncidentSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.serviceclient.ServiceStubsOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers Firebreak's search attributes (FirebreakSeverity, FirebreakStatus, FirebreakService,
 * FirebreakIdempotencyKey, FirebreakHeartbeat, FirebreakHeartbeatState) so the Temporal UI can
 * filter incidents and heartbeats. Safe to run at every start: attributes already there are left
 * alone. A server that refuses (Temporal Cloud registers them through its own console, and a worker
 * may lack the operator permission) is reported, and incidents then run without them rather than
 * fail on every upsert.
 */
final class SearchAttributeRegistration {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistration.class);

  private SearchAttributeRegistration() {}

  /**
   * The embedded test server cannot list attributes; it can only refuse duplicates, so none are
   * assumed there.
   */
  private static Map<String, IndexedValueType> registered(
      OperatorServiceStubs operator, String namespace) {
    try {
      return operator
          .blockingStub()
          .listSearchAttributes(
              ListSearchAttributesRequest.newBuilder().setNamespace(namespace).build())
          .getCustomAttributesMap();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return Map.of();
      }
      throw e;
    }
  }

  /**
   * An earlier start (or another replica starting at the same moment) may have added them first.
   */
  private static void add(
      OperatorServiceStubs operator, String namespace, Map<String, IndexedValueType> missing) {
    try {
      operator
          .blockingStub()
          .addSearchAttributes(
              AddSearchAttributesRequest.newBuilder()
                  .setNamespace(namespace)
                  .putAllSearchAttributes(missing)
                  .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
    }
  }

  /** Every search attribute Firebreak's workflows set: the incidents' and the heartbeats' own. */
  static final List<SearchAttributeKey<String>> FIREBREAKS =
      Stream.concat(
              IncidentSearchAttributes.REGISTERED.stream(), HeartbeatSearchAttributes.OWN.stream())
          .toList();

  static boolean register(ServiceStubsOptions connection, String namespace) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder(connection).validateAndBuildWithDefaults());
    try {
      Map<String, IndexedValueType> existing = registered(operator, namespace);
      Map<String, IndexedValueType> missing = new LinkedHashMap<>();
      FIREBREAKS.stream()
          .filter(key -> !existing.containsKey(key.getName()))
          .forEach(key -> missing.put(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      if (!missing.isEmpty()) {
        add(operator, namespace, missing);
      }
      log.info(
          "Search attributes ready in namespace {} ({})",
          namespace,
          missing.isEmpty() ? "all were registered already" : "registered " + missing.keySet());
      return true;
    } catch (RuntimeException refused) {
      log.warn(
          "Search attributes not registered in namespace {} ({}); incidents run without them",
          namespace,
          refused.getMessage());
      return false;
    } finally {
      operator.shutdownNow();
    }
  }
}
