package dev.firebreak.activities.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeHealthEndpoint;
import dev.firebreak.activities.fakes.FaultInjection;
import dev.firebreak.activities.fakes.IdleClosingServer;
import dev.firebreak.activities.fakes.IdleClosingServer.Close;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.HealthResult;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class HttpHealthCheckerTest {

  private static final Duration TIMEOUT = Duration.ofMillis(300);

  private final FakeHealthEndpoint endpoint = new FakeHealthEndpoint();
  private static final HealthConfirmation THREE_CHECKS =
      new HealthConfirmation(3, Duration.ofMillis(50));

  private final HttpTransport transport = HttpTransport.withCallDeadlinesOnly();
  private final HttpHealthChecker checker =
      new HttpHealthChecker(transport, HealthConfirmation.FIRST_CHECK);
  private final HttpHealthChecker confirming = new HttpHealthChecker(transport, THREE_CHECKS);

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
    assertThat(result.summary())
        .isEqualTo("unhealthy: HTTP 200, status unhealthy, failing database=error");
  }

  static Stream<Arguments> nonCriticalFailures() {
    return Stream.of(
        Arguments.of(
            "a 200 whose email check fails",
            200,
            "{\"status\":\"fail\",\"checks\":{\"database\":\"pass\",\"email\":\"error\"}}",
            true,
            List.of(),
            List.of("email=error")),
        Arguments.of(
            "a 503 whose only failing check is email",
            503,
            "{\"status\":\"error\",\"checks\":{\"database\":{\"status\":\"ok\"},\"email\":{\"status\":\"down\"}}}",
            true,
            List.of(),
            List.of("email=down")),
        Arguments.of(
            "a 503 whose email and database checks fail",
            503,
            "{\"status\":\"error\",\"checks\":{\"database\":\"error\",\"email\":\"error\"}}",
            false,
            List.of("database=error"),
            List.of("email=error")),
        Arguments.of(
            "a 503 with no failing check named",
            503,
            "{\"status\":\"error\"}",
            false,
            List.of(),
            List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonCriticalFailures")
  void aFailingNonCriticalCheckIsReportedButOnlyCriticalOnesMakeTheServiceUnhealthy(
      String why,
      int status,
      String body,
      boolean healthy,
      List<String> critical,
      List<String> nonCritical) {
    endpoint.answer(status, body);

    HealthResult result =
        checker.check(new HealthCheck("api", endpoint.url(), TIMEOUT, List.of("email")));

    assertThat(result.healthy()).isEqualTo(healthy);
    assertThat(result.failingChecks()).isEqualTo(critical);
    assertThat(result.nonCriticalFailing()).isEqualTo(nonCritical);
    nonCritical.forEach(
        check -> assertThat(result.summary()).contains("non-critical failing " + check));
  }

  @Test
  void withoutNonCriticalChecksEveryFailingCheckIsCritical() {
    endpoint.answer(200, "{\"checks\":{\"email\":\"error\"}}");

    HealthResult result = check(endpoint.url());

    assertThat(result.healthy()).isFalse();
    assertThat(result.failingChecks()).containsExactly("email=error");
    assertThat(result.nonCriticalFailing()).isEmpty();
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
        .isEqualTo(
            "unhealthy: HTTP 200, body is not JSON (\"<html><body>Bad gateway</body></html>\")");
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
    assertThat(result.summary()).isEqualTo("unhealthy: no answer within 300ms");
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

  static Stream<Arguments> blips() {
    return Stream.of(
        Arguments.of("a 503", (Consumer<FaultInjection>) faults -> faults.failNext(1, 503)),
        Arguments.of(
            "a dropped connection", (Consumer<FaultInjection>) faults -> faults.disconnectNext(1)),
        Arguments.of(
            "a slow answer",
            (Consumer<FaultInjection>) faults -> faults.slowNext(1, Duration.ofMillis(900))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("blips")
  void oneFailedCheckFollowedByAHealthyOneIsHealthyAndSaysItWasRechecked(
      String blip, Consumer<FaultInjection> fault) {
    fault.accept(endpoint.faults());

    HealthResult result = confirming.check(new HealthCheck("api", endpoint.url(), TIMEOUT));

    assertThat(result.healthy()).isTrue();
    assertThat(result.summary())
        .startsWith("healthy: HTTP 200, status healthy (on check 2; check 1 was unhealthy: ");
    assertThat(endpoint.requests()).hasSize(2);
  }

  @Test
  void failureSeenOnEveryCheckIsUnhealthyAndSaysItWasConfirmed() {
    endpoint.down();

    HealthResult result = confirming.check(new HealthCheck("api", endpoint.url(), TIMEOUT));

    assertThat(result.healthy()).isFalse();
    assertThat(result.failingChecks()).containsExactly("db=down");
    assertThat(result.summary())
        .isEqualTo(
            "unhealthy: HTTP 503, status down, failing db=down (on all 3 checks, 50 ms apart)");
    assertThat(endpoint.requests()).hasSize(3);
  }

  @Test
  void healthyFirstCheckIsNotRepeated() {
    HealthResult result = confirming.check(new HealthCheck("api", endpoint.url(), TIMEOUT));

    assertThat(result.summary()).isEqualTo("healthy: HTTP 200, status healthy");
    assertThat(endpoint.requests()).hasSize(1);
  }

  @ParameterizedTest(name = "after a {0} close")
  @EnumSource(Close.class)
  void checkOnAConnectionTheServerClosedWhileIdleIsHealthy(Close close) throws Exception {
    try (IdleClosingServer jetty = new IdleClosingServer(Duration.ofMillis(150), close)) {
      assertThat(check(jetty.url("/health")).healthy()).isTrue();
      jetty.awaitIdleClosed(1);

      HealthResult result = check(jetty.url("/health"));

      assertThat(result.healthy()).isTrue();
      assertThat(result.summary()).isEqualTo("healthy: HTTP 200, status healthy");
    }
  }
}
