package dev.firebreak.activities.diagnostics;

import dev.firebreak.activities.http.HttpReply;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.diagnostics.Probe;
import dev.firebreak.workflows.diagnostics.ProbeResult;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a playbook's {@code http} probe (and a {@code status-page} probe of a page that is not in
 * Statuspage's format): one GET, judged by its status and its JSON expectations. A probe that gets
 * no answer has failed, with why; it never throws for it, because a failing probe is a finding.
 */
final class HttpProber {

  private static final Logger log = LoggerFactory.getLogger(HttpProber.class);

  private final HttpTransport transport;
  private final JsonExpectationCheck expectations = new JsonExpectationCheck();

  HttpProber(HttpTransport transport) {
    this.transport = transport;
  }

  ProbeResult probe(Probe probe) {
    ProbeResult result = judge(probe);
    log.info("probe {} of {}: {}", probe.name(), probe.url(), result.summary());
    return result;
  }

  private ProbeResult judge(Probe probe) {
    HttpUrl url = probe.url() == null ? null : HttpUrl.parse(probe.url());
    if (url == null) {
      return failed(probe, "'" + probe.url() + "' is not an http(s) URL");
    }
    HttpReply reply;
    try {
      reply =
          transport.exchange(
              new Request.Builder().url(url).header("Accept", "application/json").get().build(),
              probe.timeout());
    } catch (InterruptedIOException timedOut) {
      return failed(probe, "no answer within " + HumanDuration.exact(probe.timeout()));
    } catch (IOException unreachable) {
      return failed(probe, "unreachable (" + unreachable.getMessage() + ")");
    }
    String http = "HTTP " + reply.status();
    boolean statusOk =
        probe.expectStatus() == 0 ? reply.isSuccessful() : reply.status() == probe.expectStatus();
    if (!statusOk) {
      return failed(
          probe,
          http
              + ", expected "
              + (probe.expectStatus() == 0 ? "a 2xx" : "HTTP " + probe.expectStatus()));
    }
    if (probe.expect().isEmpty()) {
      return new ProbeResult(probe.name(), probe.kind(), probe.critical(), true, http, false);
    }
    List<String> failures = expectations.failures(reply.body(), probe.expect());
    if (!failures.isEmpty()) {
      return failed(probe, http + ", " + String.join("; ", failures));
    }
    return new ProbeResult(
        probe.name(),
        probe.kind(),
        probe.critical(),
        true,
        http + ", " + String.join(", ", probe.expect()),
        false);
  }

  private static ProbeResult failed(Probe probe, String why) {
    return new ProbeResult(probe.name(), probe.kind(), probe.critical(), false, why, false);
  }
}
