package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemporalConnectionTest {

  @Test
  void aSelfHostedClusterIsReachedInPlaintextByDefault() {
    WorkflowServiceStubsOptions options =
        TemporalConnection.options("temporal:7233", Map.<String, String>of()::get).build();

    assertThat(options.getTarget()).isEqualTo("temporal:7233");
    assertThat(options.getEnableHttps()).isFalse();
    assertThat(options.getSslContext()).isNull();
    assertThat(TemporalConnection.describe(Map.<String, String>of()::get)).isEqualTo("plaintext");
  }

  @Test
  void anApiKeyIsSentOverTlsAndNeverDescribed() {
    Map<String, String> env = Map.of("TEMPORAL_API_KEY", "secret-key-value");

    WorkflowServiceStubsOptions options =
        TemporalConnection.options("ns.acct.tmprl.cloud:7233", env::get).build();

    assertThat(options.getEnableHttps()).isTrue();
    assertThat(options.getGrpcMetadataProviders()).isNotEmpty();
    assertThat(TemporalConnection.describe(env::get))
        .isEqualTo("API key over TLS")
        .doesNotContain("secret");
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
