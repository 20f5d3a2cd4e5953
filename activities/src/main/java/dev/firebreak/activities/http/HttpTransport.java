package dev.firebreak.activities.http;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Sends one request with a deadline for the whole call and reads the answer whatever its status.
 * Every outbound call of the activities goes through one instance, so they share one connection
 * pool. Bodies are read up to {@link #MAX_BODY_BYTES}: a misbehaving health endpoint must not be
 * able to fill the worker's heap.
 */
public final class HttpTransport {

  static final long MAX_BODY_BYTES = 1024 * 1024;

  private final OkHttpClient client;

  public HttpTransport(OkHttpClient client) {
    this.client = client;
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
    return new HttpTransport(client.newBuilder().followRedirects(false).followSslRedirects(false).build());
  }

  /** Sends the request; throws when no HTTP answer arrives within {@code timeout}. */
  public HttpReply exchange(Request request, Duration timeout) throws IOException {
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
