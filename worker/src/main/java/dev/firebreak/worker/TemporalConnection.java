package dev.firebreak.worker;

import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * How this process reaches its Temporal cluster. A self-hosted cluster on a private network needs
 * only {@code TEMPORAL_ADDRESS}; Temporal Cloud needs either an API key ({@code TEMPORAL_API_KEY},
 * sent over TLS) or a client certificate ({@code TEMPORAL_TLS_CERT} and {@code TEMPORAL_TLS_KEY},
 * PEM files, PKCS#8 key). {@code TEMPORAL_TLS=true} asks for server-verified TLS without either.
 */
final class TemporalConnection {

  private TemporalConnection() {}

  static WorkflowServiceStubsOptions.Builder options(String target, Function<String, String> env) {
    WorkflowServiceStubsOptions.Builder options =
        WorkflowServiceStubsOptions.newBuilder().setTarget(target);
    String cert = present(env.apply("TEMPORAL_TLS_CERT"));
    String key = present(env.apply("TEMPORAL_TLS_KEY"));
    String apiKey = present(env.apply("TEMPORAL_API_KEY"));
    if ((cert == null) != (key == null)) {
      throw new IllegalArgumentException(
          "TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together: set both (PEM certificate and PKCS#8 key) or neither");
    }
    if (cert != null) {
      options.setSslContext(clientCertificate(Path.of(cert), Path.of(key)));
    } else if (apiKey != null || "true".equalsIgnoreCase(present(env.apply("TEMPORAL_TLS")))) {
      options.setEnableHttps(true);
    }
    if (apiKey != null) {
      options.addApiKey(() -> apiKey);
    }
    return options;
  }

  /** Names what was chosen, never the secret itself: for the start-up log line. */
  static String describe(Function<String, String> env) {
    if (present(env.apply("TEMPORAL_TLS_CERT")) != null) {
      return "mTLS client certificate " + env.apply("TEMPORAL_TLS_CERT");
    }
    if (present(env.apply("TEMPORAL_API_KEY")) != null) {
      return "API key over TLS";
    }
    return "true".equalsIgnoreCase(present(env.apply("TEMPORAL_TLS"))) ? "TLS" : "plaintext";
  }

  private static io.grpc.netty.shaded.io.netty.handler.ssl.SslContext clientCertificate(
      Path cert, Path key) {
    try (InputStream certificate = Files.newInputStream(cert);
        InputStream privateKey = Files.newInputStream(key)) {
      return SimpleSslContextBuilder.forPKCS8(certificate, privateKey).build();
    } catch (SSLException e) {
      throw new IllegalArgumentException(
          "TEMPORAL_TLS_CERT/TEMPORAL_TLS_KEY are not a usable PEM certificate "
              + "and PKCS#8 key: "
              + e.getMessage(),
          e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "Cannot read the Temporal client certificate or key: " + e.getMessage(), e);
    }
  }

  private static String present(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
