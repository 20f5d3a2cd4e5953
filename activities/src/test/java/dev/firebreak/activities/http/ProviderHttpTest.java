package dev.firebreak.activities.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.firebreak.activities.fakes.FakeHealthEndpoint;
import dev.firebreak.activities.fakes.FakeHttpEndpoint;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import okhttp3.Request;
import okhttp3.mockwebserver.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProviderHttpTest {

  private static final Duration TIMEOUT = Duration.ofMillis(200);

  private final FakeHttpEndpoint provider = new FakeHttpEndpoint();
  private final HttpTransport transport = HttpTransport.withCallDeadlinesOnly();
  private final ProviderHttp vercel =
      new ProviderHttp(transport, "Vercel", ErrorMessageReader.jsonFields("/error/message"));

  @AfterEach
  void stop() {
    provider.close();
  }

  private Request get() {
    return new Request.Builder().url(provider.url("/v6/deployments")).build();
  }

  @Test
  void returnsStatusHeadersAndBodyOfASuccessfulAnswer() {
    provider.answer(
        new MockResponse()
            .setResponseCode(201)
            .setHeader("X-Request-Id", "r1")
            .setBody("{\"a\":1}"));

    HttpReply reply = vercel.send(get(), TIMEOUT);

    assertThat(reply.status()).isEqualTo(201);
    assertThat(reply.header("X-Request-Id")).isEqualTo("r1");
    assertThat(reply.body()).isEqualTo("{\"a\":1}");
  }

  @Test
  void clientErrorIsPermanentWithTheProvidersOwnMessage() {
    provider.answer(403, "{\"error\":{\"code\":\"forbidden\",\"message\":\"Not authorized\"}}");

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> vercel.send(get(), TIMEOUT));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).isEqualTo("Vercel answered HTTP 403: Not authorized");
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {400, 409, 422, 429, 500, 503})
  void aFailureNeverQuotesASecretTheRequestCarriedEvenWhenTheProviderEchoesIt(int status) {
    provider.answer(
        status,
        "{\"error\":{\"code\":\"bad_value\",\"message\":\"Value tops3cret-42 is invalid\"}}");

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class, () -> vercel.send(get(), TIMEOUT, List.of("tops3cret-42")));

    assertThat(failure.getOriginalMessage())
        .startsWith("Vercel answered HTTP " + status + ": Value [redacted] is invalid")
        .doesNotContain("tops3cret");
  }

  @Test
  void rateLimitRetriesAfterTheProvidersRetryAfter() {
    provider.faults().rateLimitNext(1, "3");

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> vercel.send(get(), TIMEOUT));

    assertThat(failure.getType()).isEqualTo(ProviderFailures.RATE_LIMITED);
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void serverErrorIsRetryable() {
    provider.faults().failNext(1, 502);

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> vercel.send(get(), TIMEOUT));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
  }

  @Test
  void noAnswerInTimeIsRetryableAndSaysSo() {
    provider.faults().slowNext(1, Duration.ofMillis(600));

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> vercel.send(get(), TIMEOUT));

    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
    assertThat(failure.getOriginalMessage()).isEqualTo("Vercel did not answer within 200ms");
  }

  @Test
  void refusedConnectionIsRetryable() {
    Request request = new Request.Builder().url(FakeHealthEndpoint.refusedUrl()).build();

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> vercel.send(request, TIMEOUT));

    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
    assertThat(failure.getOriginalMessage()).startsWith("Vercel could not be reached");
  }

  @Test
  void lostAnswerIsRetryable() {
    provider.faults().disconnectNext(1);

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> vercel.send(get(), TIMEOUT));

    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
  }

  @Test
  void successfulAnswerThatIsNotJsonIsRetryableWhenJsonWasExpected() {
    provider.answer(new MockResponse().setBody("<html>maintenance</html>"));

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> vercel.sendForJson(get(), TIMEOUT));

    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
  }

  @Test
  void exchangeReturnsAnyStatusWithoutThrowing() {
    provider.answer(404, "{}");

    assertThat(vercel.exchange(get(), TIMEOUT).status()).isEqualTo(404);
  }
}
