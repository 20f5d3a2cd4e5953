package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class SearchAttributeRegistrationTest {

  @Test
  void registeringAgainAtTheNextStartIsHarmless() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start(port)) {
      WorkflowServiceStubsOptions connection =
          WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build();

      assertThat(SearchAttributeRegistration.register(connection, "default")).isTrue();
      assertThat(SearchAttributeRegistration.register(connection, "default")).isTrue();
    }
  }

  @Test
  void anUnreachableServerIsReportedNotThrown() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    WorkflowServiceStubsOptions connection =
        WorkflowServiceStubsOptions.newBuilder()
            .setTarget("127.0.0.1:" + port)
            .setRpcTimeout(java.time.Duration.ofSeconds(1))
            .build();

    assertThat(SearchAttributeRegistration.register(connection, "default")).isFalse();
  }
}
