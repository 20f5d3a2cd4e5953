package dev.firebreak.worker;

import io.temporal.serviceclient.GrpcCompression;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import javax.net.ssl.SSLException;

/**
 * How this process reaches its Temporal cluster. A self-hosted cluster on a private network needs
 * only {@code TEMPORAL_ADDRESS}; Temporal Cloud needs either an API key ({@code TEMPORAL_API_KEY},
 * sent over TLS) or a client certificate ({@code TEMPORAL_TLS_CERT} and {@code TEMPORAL_TLS_KEY},
 * PEM files, PKCS#8 key). {@code TEMPORAL_TLS=true} asks for server-verified TLS without either.
 *
 * <p>The SDK gzips every request, and the server answers in kind: that saves bytes on a network and
 * only costs CPU on both ends when the server is on this machine. {@code TEMPORAL_GRPC_COMPRESSION}
 * ({@code gzip} or {@code none}) chooses; without it a loopback address gets none and any other
 * gzip.
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
    return options.setGrpcCompression(compression(target, env));
  }

  static GrpcCompression compression(String target, Function<String, String> env) {
    String chosen = present(env.apply("TEMPORAL_GRPC_COMPRESSION"));
    if (chosen == null) {
      return isLoopback(target) ? GrpcCompression.NONE : GrpcCompression.GZIP;
    }
    return switch (chosen.toLowerCase(Locale.ROOT)) {
      case "gzip" -> GrpcCompression.GZIP;
      case "none" -> GrpcCompression.NONE;
      default ->
          throw new IllegalArgumentException(
              "TEMPORAL_GRPC_COMPRESSION must be gzip or none, not '" + chosen + "'");
    };
  }

  /** {@code host:port}, {@code [v6]:port} or a {@code scheme:///} target; never a DNS lookup. */
  static boolean isLoopback(String target) {
    String address =
        target.contains(":///") ? target.substring(target.indexOf(":///") + 4) : target;
    String host =
        address.startsWith("[")
            ? address.substring(1, Math.max(1, address.indexOf(']')))
            : address.contains(":") ? address.substring(0, address.lastIndexOf(':')) : address;
    return host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("::1");
  }

  /** Names what was chosen, never the secret itself: for the start-up log line. */
  static String describe(String target, Function<String, String> env) {
    return security(env)
        + ", "
        + compression(target, env).name().toLowerCase(Locale.ROOT)
        + " gRPC compression";
  }

  private static String security(Function<String, String> env) {
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
