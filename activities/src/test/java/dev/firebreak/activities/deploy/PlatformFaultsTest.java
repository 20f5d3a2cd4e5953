package dev.firebreak.activities.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.firebreak.activities.fakes.FakeRender;
import dev.firebreak.activities.fakes.FakeServer;
import dev.firebreak.activities.fakes.FakeVercel;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderFailures;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every platform call under the shared rules: a 429 waits for the provider's {@code Retry-After}, a
 * 5xx is retried, a wrong credential is a permanent failure with the provider's message, and a
 * write whose answer was lost is not repeated by the retry.
 */
class PlatformFaultsTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final HttpTransport TRANSPORT = HttpTransport.withCallDeadlinesOnly();
  private static final Instant NOT_BEFORE = Instant.now().minusSeconds(1);

  private final FakeVercel vercel =
      new FakeVercel("vercel-token", null)
          .productionDeploy("prj_1", "dpl_live", T0, "READY", "aaa")
          .env("prj_1", "FLAG", "off", "encrypted", "production");
  private final FakeRender render =
      new FakeRender("rnd_key")
          .deploy("srv-1", "dep-live", T0, "live", "bbb")
          .envVar("srv-1", "FLAG", "off")
          .instances("srv-1", 1);

  /**
   * One call of a platform client.
   *
   * @param readsBeforeWrite the calls it makes before the one that changes something, or -1 when it
   *     only reads
   * @param effects how many changes the fake has seen from it
   */
  record PlatformCall(
      String name,
      boolean onVercel,
      int readsBeforeWrite,
      Call call,
      ToIntFunction<PlatformFaultsTest> effects) {
    @Override
    public String toString() {
      return name;
    }
  }

  @FunctionalInterface
  interface Call {
    void on(VercelClient vercel, RenderClient render);
  }

  static Stream<PlatformCall> calls() {
    return Stream.of(
        new PlatformCall(
            "Vercel changeEnv",
            true,
            1,
            (v, r) -> v.changeEnv("prj_1", Map.of("FLAG", "on"), List.of()),
            t -> t.vercel.envWrites().size()),
        new PlatformCall(
            "Vercel redeploy",
            true,
            2,
            (v, r) -> v.redeploy("prj_1", NOT_BEFORE, "flag"),
            t -> t.vercel.redeploysStarted().size()),
        new PlatformCall(
            "Vercel deployProgress",
            true,
            -1,
            (v, r) -> v.deployProgress("prj_1", "dpl_live"),
            t -> 0),
        new PlatformCall(
            "Render changeEnv",
            false,
            1,
            (v, r) -> r.changeEnv("srv-1", Map.of("FLAG", "on"), List.of()),
            t -> t.render.envWrites().size()),
        new PlatformCall(
            "Render redeploy",
            false,
            1,
            (v, r) -> r.redeploy("srv-1", NOT_BEFORE, "flag"),
            t -> t.render.deploysStarted().size()),
        new PlatformCall(
            "Render deployProgress",
            false,
            -1,
            (v, r) -> r.deployProgress("srv-1", "dep-live"),
            t -> 0),
        new PlatformCall(
            "Render scale",
            false,
            1,
            (v, r) -> r.scale("srv-1", 3),
            t -> t.render.scaled().size()));
  }

  static Stream<PlatformCall> writes() {
    return calls().filter(c -> c.readsBeforeWrite() >= 0);
  }

  @AfterEach
  void stop() {
    vercel.close();
    render.close();
  }

  private void call(PlatformCall call, String vercelToken, String renderKey) {
    call.call()
        .on(
            new VercelClient(TRANSPORT, vercel.baseUrl(), vercelToken, null, Duration.ofSeconds(2)),
            new RenderClient(TRANSPORT, render.baseUrl(), renderKey, Duration.ofSeconds(2)));
  }

  private void call(PlatformCall call) {
    call(call, "vercel-token", "rnd_key");
  }

  private FakeServer fakeOf(PlatformCall call) {
    return call.onVercel() ? vercel : render;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void aRateLimitIsRetriedAfterTheProvidersRetryAfterAndTheRetrySucceeds(PlatformCall call) {
    fakeOf(call).faults().rateLimitNext(1, "7");

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> call(call));

    assertThat(failure.getType()).isEqualTo(ProviderFailures.RATE_LIMITED);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThatCode(() -> call(call)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void aServerErrorIsRetryableAndTheRetrySucceeds(PlatformCall call) {
    fakeOf(call).faults().failNext(1, 500);

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> call(call));

    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThatCode(() -> call(call)).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("calls")
  void aWrongCredentialIsPermanentWithTheProvidersMessage(PlatformCall call) {
    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> call(call, "wrong", "rnd_wrong"));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(ProviderFailures.REJECTED);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            call.onVercel()
                ? "Vercel answered HTTP 403: Not authorized"
                : "Render answered HTTP 401: unauthorized");
    assertThat(call.effects().applyAsInt(this)).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writes")
  void aWriteWhoseAnswerWasLostIsNotRepeatedByTheRetry(PlatformCall call) {
    fakeOf(call).faults().passNext(call.readsBeforeWrite()).disconnectNext(1);

    ApplicationFailure lost = catchThrowableOfType(ApplicationFailure.class, () -> call(call));
    call(call);

    assertThat(lost.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
    assertThat(call.effects().applyAsInt(this)).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writes")
  void aWriteThatFailedWithAServerErrorIsMadeOnceByTheRetry(PlatformCall call) {
    fakeOf(call).faults().passNext(call.readsBeforeWrite()).failNext(1, 503);

    catchThrowableOfType(ApplicationFailure.class, () -> call(call));
    call(call);

    assertThat(call.effects().applyAsInt(this)).isEqualTo(1);
  }
}
