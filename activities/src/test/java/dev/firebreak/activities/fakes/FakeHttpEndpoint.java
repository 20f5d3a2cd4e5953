package dev.firebreak.activities.fakes;

import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Any HTTP endpoint a runbook action calls (a cache purge, a maintenance-mode toggle, a job
 * trigger): answers every method and path with what the test set, and records what it received.
 */
public final class FakeHttpEndpoint extends FakeServer {

  private volatile MockResponse answer = json(200, "{\"ok\":true}");

  public FakeHttpEndpoint() {
    super(new FaultInjection((status, message) -> "{\"error\":\"" + message + "\"}"));
  }

  /** {@code http://127.0.0.1:<port><path>}. */
  public String url(String path) {
    return urlOf(path);
  }

  /** Answers every later request with this status and JSON body. */
  public FakeHttpEndpoint answer(int status, String body) {
    return answer(json(status, body));
  }

  public FakeHttpEndpoint answer(MockResponse response) {
    this.answer = response;
    return this;
  }

  /** The last request received; fails when none arrived. */
  public RecordedRequest lastRequest() {
    var all = requests();
    if (all.isEmpty()) {
      throw new AssertionError("no request reached " + url("/"));
    }
    return all.get(all.size() - 1);
  }

  @Override
  protected MockResponse handle(RecordedRequest request) {
    return answer.clone();
  }
}
