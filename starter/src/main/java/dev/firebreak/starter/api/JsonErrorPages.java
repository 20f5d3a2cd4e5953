package dev.firebreak.starter.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.service.Refusal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals, made before any route runs (a URI or headers too large, a request it cannot
 * parse), in the API's error shape instead of Jetty's HTML pages: clients read every error the same
 * way, whoever produced it.
 */
final class JsonErrorPages extends ErrorHandler {

  private final ObjectMapper json;

  JsonErrorPages(ObjectMapper json) {
    this.json = json;
  }

  /** The API error for a status Jetty refused a request with. */
  static Refusal of(int status, String reason) {
    return switch (status) {
      case 414 ->
          new Refusal(
              414,
              "uri_too_long",
              "The request URI is longer than the API reads; nothing was done.");
      case 431 ->
          new Refusal(
              431,
              "headers_too_large",
              "The request headers are larger than the API reads; nothing was done.");
      case 413 ->
          new Refusal(
              413, "payload_too_large", "The body is larger than the API reads; nothing was done.");
      case 404 -> new Refusal(404, "not_found", "No such endpoint.");
      case 405 ->
          new Refusal(405, "method_not_allowed", "This endpoint does not take that method.");
      case 505 ->
          new Refusal(
              505,
              "http_version_not_supported",
              "The API speaks HTTP/1.1 and HTTP/2; nothing was done.");
      default ->
          status >= 500
              ? new Refusal(
                  status, "internal_error", "The API could not answer; the details are in its log.")
              : new Refusal(
                  status,
                  "bad_request",
                  "The request could not be read"
                      + (reason == null || reason.isBlank() ? "" : " (" + reason + ")")
                      + "; nothing was done.");
    };
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json;charset=utf-8");
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  private byte[] body(int status, String reason) {
    try {
      return json.writeValueAsBytes(of(status, reason).body());
    } catch (JsonProcessingException e) {
      return "{\"error\":\"bad_request\",\"message\":\"The request could not be read.\"}"
          .getBytes(StandardCharsets.UTF_8);
    }
  }
}
