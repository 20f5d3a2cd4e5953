package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.serviceclient.GrpcCompression;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemporalConnectionTest {

  @Test
  void aSelfHostedClusterIsReachedInPlaintextByDefault() {
    WorkflowServiceStubsOptions options =
        TemporalConnection.options("temporal:7233", Map.<String, String>of()::get).build();

    assertThat(options.getTarget()).isEqualTo("temporal:7233");
    assertThat(options.getEnableHttps()).isFalse();
    assertThat(options.getSslContext()).isNull();
    assertThat(TemporalConnection.describe("temporal:7233", Map.<String, String>of()::get))
        .isEqualTo("plaintext, gzip gRPC compression");
  }

  @Test
  void anApiKeyIsSentOverTlsAndNeverDescribed() {
    Map<String, String> env = Map.of("TEMPORAL_API_KEY", "secret-key-value");

    WorkflowServiceStubsOptions options =
        TemporalConnection.options("ns.acct.tmprl.cloud:7233", env::get).build();

    assertThat(options.getEnableHttps()).isTrue();
    assertThat(options.getGrpcMetadataProviders()).isNotEmpty();
    assertThat(TemporalConnection.describe("ns.acct.tmprl.cloud:7233", env::get))
        .isEqualTo("API key over TLS, gzip gRPC compression")
        .doesNotContain("secret");
  }

  /** Gzip saves bytes over a network and only costs CPU on both ends when Temporal is local. */
  @ParameterizedTest
  @CsvSource({
    "127.0.0.1:7233, NONE",
    "localhost:7233, NONE",
    "LOCALHOST:7233, NONE",
    "[::1]:7233, NONE",
    "dns:///127.0.0.1:7233, NONE",
    "temporal:7233, GZIP",
    "10.0.0.7:7233, GZIP",
    "ns.acct.tmprl.cloud:7233, GZIP",
    "[2001:db8::1]:7233, GZIP",
    "localhost.example.com:7233, GZIP"
  })
  void aServerOnThisMachineIsSpokenToUncompressedAndOneElsewhereWithGzip(
      String target, GrpcCompression expected) {
    WorkflowServiceStubsOptions options =
        TemporalConnection.options(target, Map.<String, String>of()::get).build();

    assertThat(options.getGrpcCompression()).isEqualTo(expected);
  }

  @Test
  void theCompressionCanBeChosenEitherWayAndAnythingElseIsRefused() {
    assertThat(
            TemporalConnection.options(
                    "127.0.0.1:7233", Map.of("TEMPORAL_GRPC_COMPRESSION", "gzip")::get)
                .build()
                .getGrpcCompression())
        .isEqualTo(GrpcCompression.GZIP);
    assertThat(
            TemporalConnection.options(
                    "temporal:7233", Map.of("TEMPORAL_GRPC_COMPRESSION", "None")::get)
                .build()
                .getGrpcCompression())
        .isEqualTo(GrpcCompression.NONE);
    assertThatThrownBy(
            () ->
                TemporalConnection.options(
                    "temporal:7233", Map.of("TEMPORAL_GRPC_COMPRESSION", "zstd")::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TEMPORAL_GRPC_COMPRESSION must be gzip or none, not 'zstd'");
  }

  @Test
  void tlsWithoutClientCredentialsCanBeAskedFor() {
    WorkflowServiceStubsOptions options =
        TemporalConnection.options("temporal:7233", Map.of("TEMPORAL_TLS", "true")::get).build();

    assertThat(options.getEnableHttps()).isTrue();
  }

  @Test
  void aCertificateWithoutItsKeyIsRefusedWithTheFix() {
    assertThatThrownBy(
            () ->
                TemporalConnection.options(
                    "t:7233", Map.of("TEMPORAL_TLS_CERT", "/tmp/c.pem")::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("set both");
  }

  @Test
  void anUnreadableCertificateNamesTheProblem() {
    Map<String, String> env =
        Map.of(
            "TEMPORAL_TLS_CERT",
            "/nonexistent/client.pem",
            "TEMPORAL_TLS_KEY",
            "/nonexistent/client.key");

    assertThatThrownBy(() -> TemporalConnection.options("t:7233", env::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Cannot read the Temporal client certificate");
  }
}
