package dev.firebreak.activities.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request with a deadline for the whole call and reads the answer whatever its status.
 * Every outbound call of the activities goes through one instance, so they share one connection
 * pool. Bodies are read up to {@link #MAX_BODY_BYTES}: a misbehaving health endpoint must not be
 * able to fill the worker's heap.
 *
 * <p>A GET or HEAD that fails at the connection level on a pooled connection is sent once more on a
 * fresh connection before the failure counts: the server most likely closed the connection while it
 * sat idle and never saw the request, and those methods change nothing on the server if it did.
 * Every other method is sent once; whether it may be repeated is the caller's decision.
 */
public final class HttpTransport {

  static final long MAX_BODY_BYTES = 1024 * 1024;
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");
  private static final Logger log = LoggerFactory.getLogger(HttpTransport.class);

  private final OkHttpClient client;
  private final OkHttpClient freshConnections;

  /** The client's event listener is replaced by the one that notices reused connections. */
  public HttpTransport(OkHttpClient client) {
    this.client = client.newBuilder().eventListenerFactory(ConnectionReuse::of).build();
    // No idle connections are kept, so every call through it opens its own.
    this.freshConnections =
        this.client.newBuilder().connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS)).build();
  }

  /**
   * A transport whose client has no per-phase timeouts of its own: each call carries its deadline,
   * so a 30-second health check is not cut short by a 10-second default read timeout. OkHttp's own
   * silent retry of a request whose connection dropped is off: the provider may have processed it
   * (an SMS sent, an incident opened), and only the activity, which knows what is idempotent, may
   * decide to send it again.
   */
  public static HttpTransport withCallDeadlinesOnly() {
    return new HttpTransport(
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ZERO)
            .readTimeout(Duration.ZERO)
            .writeTimeout(Duration.ZERO)
            .retryOnConnectionFailure(false)
            .build());
  }

  /**
   * The same client (and connection pool) that answers a redirect with the redirect itself: for a
   * call whose destination was checked, which a redirect must not take somewhere else.
   */
  public HttpTransport withoutRedirects() {
    return new HttpTransport(
        client.newBuilder().followRedirects(false).followSslRedirects(false).build());
  }

  /**
   * Sends the request; throws when no HTTP answer arrives within {@code timeout}. A retry on a
   * fresh connection gets the whole {@code timeout} again: the failure that caused it is immediate.
   */
  public HttpReply exchange(Request request, Duration timeout) throws IOException {
    ConnectionReuse reuse = new ConnectionReuse();
    try {
      return exchange(
          client, request.newBuilder().tag(ConnectionReuse.class, reuse).build(), timeout);
    } catch (InterruptedIOException timedOut) {
      throw timedOut; // the deadline is spent; a second attempt would double it
    } catch (IOException failed) {
      if (!reuse.reused() || !SAFE_METHODS.contains(request.method())) {
        throw failed;
      }
      log.info(
          "{} {} failed on a reused connection ({}); sending it once more on a fresh connection",
          request.method(),
          request.url().host(),
          failed.getMessage());
      return exchange(freshConnections, request, timeout);
    }
  }

  private static HttpReply exchange(OkHttpClient client, Request request, Duration timeout)
      throws IOException {
    Call call = client.newCall(request);
    call.timeout().timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    try (Response response = call.execute()) {
      return new HttpReply(response.code(), response.headers(), readCapped(response.body()));
    }
  }

  private static String readCapped(ResponseBody body) throws IOException {
    if (body == null) {
      return "";
    }
    MediaType type = body.contentType();
    Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
    BufferedSource source = body.source();
    source.request(MAX_BODY_BYTES);
    long available = Math.min(source.getBuffer().size(), MAX_BODY_BYTES);
    return source.getBuffer().readString(available, charset);
  }
}
