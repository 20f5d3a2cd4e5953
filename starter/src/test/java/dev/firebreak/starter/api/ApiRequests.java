package dev.firebreak.starter.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Supplier;

/**
 * Requests to an API server a test started, with an optional bearer token: the one way the test
 * harnesses of every module call it.
 */
public final class ApiRequests {

  private final HttpClient http = HttpClient.newHttpClient();
  private final Supplier<String> baseUrl;

  /**
   * @param baseUrl read at each request, so a harness may restart its server on another port
   */
  public ApiRequests(Supplier<String> baseUrl) {
    this.baseUrl = baseUrl;
  }

  public HttpResponse<String> get(String path, String token) {
    return send(request(path, token).GET());
  }

  public HttpResponse<String> post(String path, String token, String json) {
    return send(
        request(path, token)
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .header("Content-Type", "application/json"));
  }

  public HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl.get() + path));
    return token == null ? builder : builder.header("Authorization", "Bearer " + token);
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
