package dev.firebreak.activities.http;

import okhttp3.Headers;

/**
 * What an HTTP server answered: status, headers and the body as text (capped, see {@link
 * HttpTransport}).
 */
public record HttpReply(int status, Headers headers, String body) {

  public boolean isSuccessful() {
    return status >= 200 && status < 300;
  }

  /** The named header, or null when absent. */
  public String header(String name) {
    return headers.get(name);
  }
}
