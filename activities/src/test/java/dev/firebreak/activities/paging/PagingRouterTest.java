package dev.firebreak.activities.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.activities.dryrun.DryRunPagingActivities;
import dev.firebreak.activities.fakes.FakePagerDuty;
import dev.firebreak.activities.fakes.FakeSendGrid;
import dev.firebreak.activities.fakes.FakeTwilio;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.PageFollowUp;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagingRouterTest {

  private final PagingProviders providers = new PagingProviders();
  private final FakePagerDuty pagerDuty = providers.pagerDuty;
  private final FakeTwilio twilio = providers.twilio;
  private final FakeSendGrid sendGrid = providers.sendGrid;
  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();

  @AfterEach
  void stop() {
    env.close();
    providers.close();
  }

  private PagingActivities router(Map<String, PagingRouter.Route> routes) {
    env.registerActivitiesImplementations(new PagingRouter(routes));
    return env.newActivityStub(
        PagingActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(10))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
  }

  private PagingActivities allProviders() {
    return router(providers.routes());
  }

  private static PageRequest page(String... targets) {
    return new PageRequest(
        "INC-1/page-r1-l2",
        "INC-1",
        "P1",
        "Checkout returns 500",
        "secondary",
        List.of(targets),
        "no acknowledgement in 15m",
        "#incidents",
        null);
  }

  @Test
  void eachTargetReachesItsSchemesProvider() {
    Delivery delivery =
        allProviders()
            .page(
                page(
                    "slack:U0BOB",
                    "pagerduty:recoup-primary",
                    "sms:+15550100",
                    "sms:+15550101",
                    "email:manager@recoup.com"));

    assertThat(pagerDuty.alerts())
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.dedupKey()).isEqualTo("INC-1");
              assertThat(alert.severity()).isEqualTo("critical");
              assertThat(alert.summary()).isEqualTo("[P1] INC-1: Checkout returns 500");
            });
    assertThat(twilio.messages())
        .extracting(FakeTwilio.Sms::to)
        .containsExactly("+15550100", "+15550101");
    assertThat(twilio.messages().get(0).body())
        .startsWith("Firebreak page: [P1] INC-1 Checkout returns 500");
    assertThat(sendGrid.mails())
        .singleElement()
        .satisfies(
            mail -> {
              assertThat(mail.to()).containsExactly("manager@recoup.com");
              assertThat(mail.customArgs().path("firebreak_key").asText())
                  .isEqualTo("INC-1/page-r1-l2");
            });
    assertThat(delivery.dryRun()).isFalse();
    assertThat(delivery.detail())
        .contains("dry-run: page slack:U0BOB (level secondary)")
        .contains("PagerDuty alert triggered for recoup-primary (dedup_key INC-1)")
        .contains("SMS to +15550100 queued", "SMS to +15550101 queued")
        .contains("email to manager@recoup.com accepted");
  }

  /**
   * "Firebreak page: [P1] INC-1 " is 27 characters and the cut falls at 319: with this much padding
   * the emoji ends just before the cut, is split by it, or starts right after it.
   */
  @ParameterizedTest(name = "{0} characters before the emoji")
  @ValueSource(ints = {290, 291, 292})
  void anSmsOfALongTitleIsCutToItsLimitWithAnEllipsisAndNeverHalfAnEmoji(int padding) {
    String title = "a".repeat(padding) + "\uD83D\uDD25" + "b".repeat(100);
    PageRequest request =
        new PageRequest(
            "INC-1/page-r1-l2",
            "INC-1",
            "P1",
            title,
            "secondary",
            List.of("sms:+15550100"),
            null,
            "#incidents",
            null);

    allProviders().page(request);

    String body = twilio.messages().get(0).body();
    assertThat(body.length()).isLessThanOrEqualTo(320);
    assertThat(body).startsWith("Firebreak page: [P1] INC-1 aaa").endsWith("…");
    assertThat(body.chars().filter(c -> Character.isSurrogate((char) c)).count() % 2)
        .as("no half of a surrogate pair")
        .isZero();
    assertThat(body).doesNotContain("?", "\uFFFD");
  }

  @Test
  void unconfiguredAndUnknownSchemesAreReportedAndTheOthersStillPaged() {
    PagingActivities router =
        router(Map.of("slack", PagingRouter.Route.grouped(new DryRunPagingActivities())));

    Delivery delivery = router.page(page("sms:+15550100", "teams:ops", "slack:U0BOB"));

    assertThat(delivery.dryRun()).isFalse();
    assertThat(delivery.detail())
        .isEqualTo(
            "NOT paged sms:+15550100: no sms provider is configured; "
                + "NOT paged teams:ops: no teams provider is configured; "
                + "dry-run: page slack:U0BOB (level secondary) for INC-1 [P1] \"Checkout returns 500\" reason "
                + "\"no acknowledgement in 15m\" key=INC-1/page-r1-l2");
  }

  @Test
  void aRejectedNumberDoesNotKeepTheRestOfTheLevelAsleep() {
    twilio.unsubscribed("+15550100");

    Delivery delivery = allProviders().page(page("sms:+15550100", "sms:+15550101"));

    assertThat(twilio.messages()).extracting(FakeTwilio.Sms::to).containsExactly("+15550101");
    assertThat(delivery.detail())
        .startsWith(
            "NOT paged sms:+15550100: Twilio answered HTTP 400: Attempt to send to unsubscribed recipient; SMS to +15550101 queued");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sms", "call"})
  void aRetryAfterATransientFailureDoesNotTextOrRingTheSamePhoneTwice(String scheme) {
    PagingActivities router = allProviders();
    AtomicReference<PagingRouter.Progress> heartbeat = new AtomicReference<>();
    env.setActivityHeartbeatListener(PagingRouter.Progress.class, heartbeat::set);
    // The first page goes out, then Twilio fails the second one: the attempt fails, retryable.
    twilio.faults().passNext(1).failNext(1, 503);
    PageRequest page = page(scheme + ":+15550100", scheme + ":+15550101");
    String sent = scheme.equals("sms") ? "SMS to " : "Call to ";

    assertThatThrownBy(() -> router.page(page))
        .isInstanceOf(ActivityFailure.class)
        .rootCause()
        .hasMessageContaining("Twilio answered HTTP 503");
    assertThat(reached(scheme)).containsExactly("+15550100");

    env.setHeartbeatDetails(heartbeat.get());
    Delivery retried = router.page(page);

    assertThat(reached(scheme)).containsExactly("+15550100", "+15550101");
    assertThat(retried.detail()).contains(sent + "+15550100 queued", sent + "+15550101 queued");
  }

  /**
   * PagerDuty dedups by the page's key, so nothing is remembered for it: no heartbeat request, and
   * a retry after the text message failed asks PagerDuty again without opening a second alert.
   */
  @Test
  void aRetryAsksAProviderThatDedupsByKeyAgainWithoutASecondAlertOrAHeartbeat() {
    PagingActivities router = allProviders();
    List<PagingRouter.Progress> heartbeats = new CopyOnWriteArrayList<>();
    env.setActivityHeartbeatListener(PagingRouter.Progress.class, heartbeats::add);
    twilio.faults().failNext(1, 503);
    PageRequest page = page("pagerduty:recoup-primary", "sms:+15550100");

    assertThatThrownBy(() -> router.page(page)).isInstanceOf(ActivityFailure.class);
    assertThat(heartbeats).isEmpty();
    Delivery retried = router.page(page);

    assertThat(pagerDuty.alerts()).singleElement();
    assertThat(twilio.messages()).extracting(FakeTwilio.Sms::to).containsExactly("+15550100");
    assertThat(heartbeats)
        .singleElement()
        .satisfies(
            beat -> assertThat(beat.delivered()).containsOnlyKeys("pagerduty:*", "sms:+15550100"));
    assertThat(retried.detail()).contains("SMS to +15550100 queued");
  }

  /** The numbers Twilio texted or called, oldest first. */
  private List<String> reached(String scheme) {
    return scheme.equals("sms")
        ? twilio.messages().stream().map(FakeTwilio.Sms::to).toList()
        : twilio.calls().stream().map(FakeTwilio.Call::to).toList();
  }

  @Test
  void acknowledgeAndResolveReachOnlyProvidersThatKeepAnIncident() {
    PagingActivities router = allProviders();
    router.page(page("pagerduty:recoup-primary", "sms:+15550100"));
    List<String> chain = List.of("slack:U0BOB", "pagerduty:recoup-primary", "sms:+15550100");

    Delivery acknowledged = router.acknowledged(new PageFollowUp("INC-1", "bob", chain));
    assertThat(pagerDuty.alerts().get(0).status()).isEqualTo("acknowledged");
    Delivery resolved = router.resolved(new PageFollowUp("INC-1", "bob", chain));

    assertThat(pagerDuty.alerts())
        .singleElement()
        .satisfies(a -> assertThat(a.status()).isEqualTo("resolved"));
    assertThat(acknowledged.detail()).isEqualTo("PagerDuty alert INC-1 acknowledged");
    assertThat(resolved.detail()).isEqualTo("PagerDuty alert INC-1 resolved");
    assertThat(twilio.messages()).hasSize(1);
  }

  @Test
  void followUpWithoutSuchProvidersDoesNothing() {
    Delivery delivery =
        allProviders().acknowledged(new PageFollowUp("INC-1", "bob", List.of("slack:U0BOB")));

    assertThat(delivery).isEqualTo(Delivery.sent("no paging provider keeps an incident to update"));
    assertThat(pagerDuty.requests()).isEmpty();
  }
}
