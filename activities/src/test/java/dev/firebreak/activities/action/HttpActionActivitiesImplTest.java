package dev.firebreak.activities.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.firebreak.activities.dryrun.DryRunHttpActionActivities;
import dev.firebreak.activities.fakes.FakeHttpEndpoint;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.MeteredActivityEnvironment;
import dev.firebreak.activities.http.ProviderFailures;
import dev.firebreak.activities.http.SecretExpander;
import dev.firebreak.workflows.action.ActionNotSent;
import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.action.HttpActionActivities;
import dev.firebreak.workflows.action.HttpActionResult;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

class HttpActionActivitiesImplTest {

  private final FakeHttpEndpoint target = new FakeHttpEndpoint();
  private final HttpActionActivitiesImpl actions =
      new HttpActionActivitiesImpl(
          HttpTransport.withCallDeadlinesOnly(),
          new SecretExpander(Map.of("CDN_TOKEN", "s3cr3t")::get));

  @AfterEach
  void stop() {
    target.close();
  }

  private HttpAction purge(String path, int expectedStatus) {
    return HttpAction.configured(
        "purge-cache",
        "post",
        target.url(path),
        Map.of("Authorization", "Bearer ${CDN_TOKEN}"),
        "{\"purge\":\"all\",\"key\":\"${CDN_TOKEN}\"}",
        expectedStatus,
        Duration.ofSeconds(1));
  }

  @Test
  void sendsTheActionWithSecretsExpandedAndReturnsTheAnswer() throws Exception {
    target.answer(200, "{\"purged\":true}");

    HttpActionResult result = actions.perform(purge("/purge?token=${CDN_TOKEN}", 0));

    RecordedRequest request = target.lastRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/purge?token=s3cr3t");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer s3cr3t");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(request.getBody().readUtf8()).isEqualTo("{\"purge\":\"all\",\"key\":\"s3cr3t\"}");
    assertThat(result.status()).isEqualTo(200);
    assertThat(result.body()).isEqualTo("{\"purged\":true}");
    assertThat(result.dryRun()).isFalse();
    assertThat(result.detail())
        .isEqualTo("POST " + target.url("/purge?token=${CDN_TOKEN}") + " answered 200")
        .doesNotContain("s3cr3t");
  }

  @Test
  void secretsNeverReachTheLog() {
    Logger logger = (Logger) LoggerFactory.getLogger(HttpActionActivitiesImpl.class);
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    logger.addAppender(logged);
    try {
      actions.perform(purge("/purge?token=${CDN_TOKEN}", 0));
    } finally {
      logger.detachAppender(logged);
    }

    assertThat(logged.list)
        .singleElement()
        .satisfies(
            event ->
                assertThat(event.getFormattedMessage())
                    .contains("POST " + target.url("/purge?token=${CDN_TOKEN}"))
                    .doesNotContain("s3cr3t"));
  }

  @Test
  void expectedStatusMustMatchExactly() {
    target.answer(200, "{}");

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> actions.perform(purge("/purge", 201)));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("answered HTTP 200: expected 201; body: {}");
  }

  @Test
  void expectedNonSuccessStatusCountsAsSuccess() {
    target.answer(404, "{\"error\":\"gone\"}");

    assertThat(actions.perform(purge("/purge", 404)).status()).isEqualTo(404);
  }

  @Test
  void clientErrorIsPermanentWithStatusAndBodyExcerpt() {
    target.answer(400, "{\"error\":\"unknown zone\"}");

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> actions.perform(purge("/purge", 0)));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(ProviderFailures.REJECTED);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "HTTP action purge-cache (POST "
                + target.url("/purge")
                + ") answered HTTP 400: {\"error\":\"unknown zone\"}");
  }

  @Test
  void serverErrorIsRetryable() {
    target.faults().failNext(1, 503);

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> actions.perform(purge("/purge", 0)));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
  }

  @Test
  void rateLimitIsRetryableAfterRetryAfter() {
    target.faults().rateLimitNext(1, "4");

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> actions.perform(purge("/purge", 0)));

    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void missingEnvironmentVariableFailsPermanentlyBeforeAnyCall() {
    HttpAction action =
        HttpAction.configured(
            "restart",
            "POST",
            target.url("/restart"),
            Map.of("X-Api-Key", "${RESTART_KEY}"),
            null,
            0,
            Duration.ofSeconds(1));

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> actions.perform(action));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(SecretExpander.MISSING_VARIABLE);
    assertThat(failure.getOriginalMessage()).contains("RESTART_KEY");
    assertThat(target.requests()).isEmpty();
  }

  static Stream<Arguments> actionsThatCannotBeSent() {
    return Stream.of(
        Arguments.of(
            "an unset variable in the URL",
            HttpAction.configured(
                "restart", "POST", "${RESTART_URL}", null, null, 0, Duration.ofSeconds(1))),
        Arguments.of(
            "an unset variable in a header",
            HttpAction.configured(
                "restart",
                "POST",
                "http://127.0.0.1:9/restart",
                Map.of("X-Api-Key", "${RESTART_KEY}"),
                null,
                0,
                Duration.ofSeconds(1))),
        Arguments.of(
            "an unset variable in the body",
            HttpAction.configured(
                "restart",
                "POST",
                "http://127.0.0.1:9/restart",
                null,
                "{\"key\":\"${RESTART_KEY}\"}",
                0,
                Duration.ofSeconds(1))),
        Arguments.of(
            "no http(s) URL",
            new HttpAction(
                "restart", "POST", "127.0.0.1:9/restart", null, null, 0, Duration.ofSeconds(1))),
        Arguments.of(
            "a header with a line break",
            new HttpAction(
                "restart",
                "POST",
                "http://127.0.0.1:9/restart",
                Map.of("X-Api-Key", "a\nb"),
                null,
                0,
                Duration.ofSeconds(1))));
  }

  /**
   * A maintenance window calls itself off, rather than paging, when its step's action was never
   * sent.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("actionsThatCannotBeSent")
  void anActionThatCannotBeSentFailsWithATypeWorkflowsReadAsNothingSent(
      String situation, HttpAction action) {
    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> actions.perform(action));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(
            ActionNotSent.is(
                new ActivityFailure(
                    "failed",
                    1,
                    2,
                    "Http",
                    "restart",
                    RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
                    "test",
                    failure)))
        .isTrue();
    assertThat(target.requests()).isEmpty();
  }

  /** Where a request may put a reference: the URL, a header, the body. */
  static Stream<Arguments> referencePlacements() {
    return Stream.of(
        Arguments.of("/steal?t=${CDN_TOKEN}", Map.of(), null),
        Arguments.of("/steal", Map.of("Authorization", "Bearer ${CDN_TOKEN}"), null),
        Arguments.of("/steal", Map.of(), "{\"t\":\"${CDN_TOKEN}\"}"));
  }

  @ParameterizedTest
  @MethodSource("referencePlacements")
  void aCallThatARequestWroteIsSentAsWrittenAndNeverCarriesASecret(
      String path, Map<String, String> headers, String body) {
    HttpAction requested =
        new HttpAction("steal", "POST", target.url(path), headers, body, 0, Duration.ofSeconds(1));

    actions.perform(requested);

    RecordedRequest received = target.lastRequest();
    // Headers' own toString hides Authorization, so each value is read by name.
    StringBuilder everything = new StringBuilder(received.getRequestLine());
    received
        .getHeaders()
        .names()
        .forEach(
            name ->
                everything.append('\n').append(name).append(": ").append(received.getHeader(name)));
    everything.append('\n').append(received.getBody().readUtf8());
    assertThat(everything.toString()).doesNotContain("s3cr3t");
    assertThat(URLDecoder.decode(everything.toString(), StandardCharsets.UTF_8))
        .contains("${CDN_TOKEN}");
  }

  @Test
  void aCallThatARequestWroteIsNotRedirectedAwayFromTheHostItWasAllowedToCall() {
    try (FakeHttpEndpoint elsewhere = new FakeHttpEndpoint()) {
      target.answer(
          new MockResponse()
              .setResponseCode(302)
              .setHeader("Location", elsewhere.url("/internal")));
      HttpAction requested =
          new HttpAction("poke", "GET", target.url("/go"), null, null, 0, Duration.ofSeconds(1));

      ApplicationFailure failure =
          catchThrowableOfType(ApplicationFailure.class, () -> actions.perform(requested));

      assertThat(failure.getOriginalMessage()).contains("answered HTTP 302");
      assertThat(elsewhere.requests()).isEmpty();
    }
  }

  @Test
  void aConfiguredCallWithAnUnsetVariableIsDescribedInsteadOfSentWhereAStandInIsGiven() {
    HttpActionActivitiesImpl devActions =
        new HttpActionActivitiesImpl(
            HttpTransport.withCallDeadlinesOnly(),
            new SecretExpander(Map.<String, String>of()::get),
            new DryRunHttpActionActivities());

    HttpActionResult result = devActions.perform(purge("/purge", 0));

    assertThat(result.dryRun()).isTrue();
    assertThat(result.detail())
        .startsWith("dry-run: POST " + target.url("/purge"))
        .endsWith("(not sent: CDN_TOKEN not set)");
    assertThat(target.requests()).isEmpty();
  }

  /**
   * Answers that quote a credential: the secret the call was sent with, or one of the endpoint's
   * own.
   */
  static Stream<String> answersQuotingCredentials() {
    return Stream.of(
        "{\"error\":\"bad token s3cr3t\"}",
        "you sent Authorization: Bearer s3cr3t",
        "{\"debug\":{\"slack\":\"xoxb-1234-5678-abcdefABCDEF\"}}",
        "<html>internal: sk_live_51HabcdefGHIJKLmnop</html>",
        "config: api_key=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  }

  @ParameterizedTest
  @MethodSource("answersQuotingCredentials")
  void whatIsQuotedOfAnAnswerIsAShortExcerptWithCredentialsRedacted(String answer) {
    target.answer(500, answer + " " + "padding ".repeat(200));
    HttpAction action =
        HttpAction.configured(
            "purge-cache",
            "POST",
            target.url("/purge"),
            Map.of("Authorization", "Bearer ${CDN_TOKEN}"),
            null,
            0,
            Duration.ofSeconds(1));

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> actions.perform(action));
    target.answer(200, answer);
    HttpActionResult result = actions.perform(action);

    for (String quoted : List.of(failure.getOriginalMessage(), result.body())) {
      assertThat(quoted)
          .contains("[redacted]")
          .doesNotContain("s3cr3t")
          .doesNotContain("xoxb-1234")
          .doesNotContain("sk_live_51H")
          .doesNotContain("9f86d081884c7d65");
    }
    assertThat(failure.getOriginalMessage()).hasSizeLessThan(500);
  }

  @Test
  void callsAreCountedUnderTheConfiguredNameNeverTheUrlOrARequestsText() throws Exception {
    MeteredActivityEnvironment metered = new MeteredActivityEnvironment();
    metered.env.registerActivitiesImplementations(actions);
    HttpActionActivities stub =
        metered.env.newActivityStub(
            HttpActionActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(5)).build());
    try {
      stub.perform(purge("/purge?zone=" + "z".repeat(50), 0));
      stub.perform(
          new HttpAction(
              "free text from a request",
              "GET",
              target.url("/anything/at/all"),
              null,
              null,
              0,
              Duration.ofSeconds(1)));
    } finally {
      metered.close();
    }

    assertThat(metered.reported.counters.keySet())
        .filteredOn(key -> key.startsWith("firebreak_provider_calls"))
        .containsExactlyInAnyOrder(
            "firebreak_provider_callsHTTP action purge-cacheok",
            "firebreak_provider_callsHTTP action (ad hoc)ok");
  }

  @Test
  void longBodiesAreTruncatedInTheResult() {
    target.answer(200, "x".repeat(10_000));

    HttpActionResult result = actions.perform(purge("/purge", 0));

    assertThat(result.body())
        .startsWith("x".repeat(HttpActionActivitiesImpl.MAX_RESULT_BODY_CHARS))
        .endsWith("(" + (10_000 - HttpActionActivitiesImpl.MAX_RESULT_BODY_CHARS) + " more chars)");
  }

  @Test
  void getWithoutBodySendsNoBody() {
    HttpAction action =
        new HttpAction("ping", "GET", target.url("/ping"), null, null, 0, Duration.ofSeconds(1));

    assertThat(actions.perform(action).status()).isEqualTo(200);
    assertThat(target.lastRequest().getBodySize()).isZero();
  }

  @Test
  void noAnswerInTimeIsRetryable() {
    target.faults().slowNext(1, Duration.ofMillis(800));
    HttpAction action =
        new HttpAction("ping", "GET", target.url("/ping"), null, null, 0, Duration.ofMillis(200));

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> actions.perform(action));

    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
  }
}
