package dev.firebreak.activities.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeHealthEndpoint;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpHealthCheckerTest {

  private static final Duration TIMEOUT = Duration.ofMillis(300);

  private final FakeHealthEndpoint endpoint = new FakeHealthEndpoint();
  private final HttpHealthChecker checker = new HttpHealthChecker(HttpTransport.withCallDeadlinesOnly());

  @AfterEach
  void stop() {
    endpoint.close();
  }

  private HealthResult check(String url) {
    return checker.check(new HealthCheck("api", url, TIMEOUT));
  }

  @Test
  void okAnswerWithPassingChecksIsHealthy() {
    HealthResult result = check(endpoint.url());

    assertThat(result.healthy()).isTrue();
    assertThat(result.httpStatus()).isEqualTo(200);
    assertThat(result.failingChecks()).isEmpty();
    assertThat(result.summary()).isEqualTo("healthy: HTTP 200, status healthy");
    assertThat(result.dryRun()).isFalse();
  }

  @Test
  void okAnswerWithAFailingSubCheckIsUnhealthyAndNamesIt() {
    endpoint.failingCheck("database", "error");

    HealthResult result = check(endpoint.url());

    assertThat(result.healthy()).isFalse();
    assertThat(result.failingChecks()).containsExactly("database=error");
    assertThat(result.summary()).isEqualTo("unhealthy: HTTP 200, status unhealthy, failing database=error");
  }

  @Test
  void serviceUnavailableIsUnhealthyWithTheComponentsThatAreDown() {
    endpoint.down();

    HealthResult result = check(endpoint.url());

    assertThat(result.healthy()).isFalse();
    assertThat(result.httpStatus()).isEqualTo(503);
    assertThat(result.failingChecks()).containsExactly("db=down");
  }

  @Test
  void serverErrorIsUnhealthyEvenWhenTheBodyClaimsOk() {
    endpoint.answer(500, "{\"status\":\"ok\"}");

    assertThat(check(endpoint.url()).healthy()).isFalse();
  }

  @Test
  void bodyThatIsNotJsonIsUnhealthyAndQuoted() {
    endpoint.garbage();

    HealthResult result = check(endpoint.url());

    assertThat(result.healthy()).isFalse();
    assertThat(result.summary())
        .isEqualTo("unhealthy: HTTP 200, body is not JSON (\"<html><body>Bad gateway</body></html>\")");
  }

  @Test
  void emptyBodyIsUnhealthy() {
    endpoint.answer(200, "");

    assertThat(check(endpoint.url()).summary()).isEqualTo("unhealthy: HTTP 200, empty body");
  }

  @Test
  void okWithoutAStatusFieldIsHealthy() {
    endpoint.answer(200, "{\"uptime\":1234}");

    assertThat(check(endpoint.url()).healthy()).isTrue();
  }

  @Test
  void noAnswerWithinTheTimeoutIsUnhealthy() {
    endpoint.faults().slowNext(1, Duration.ofMillis(900));

    HealthResult result = check(endpoint.url());

    assertThat(result.healthy()).isFalse();
    assertThat(result.httpStatus()).isZero();
    assertThat(result.summary()).isEqualTo("unhealthy: no answer within 300 ms");
  }

  @Test
  void refusedConnectionIsUnhealthy() {
    HealthResult result = check(FakeHealthEndpoint.refusedUrl());

    assertThat(result.healthy()).isFalse();
    assertThat(result.httpStatus()).isZero();
    assertThat(result.summary()).startsWith("unhealthy: unreachable (");
  }

  @Test
  void urlThatIsNotHttpIsUnhealthyWithoutACall() {
    HealthResult result = check("db.internal:5432");

    assertThat(result.healthy()).isFalse();
    assertThat(result.summary()).isEqualTo("unhealthy: 'db.internal:5432' is not an http(s) URL");
  }
}
