package dev.firebreak.activities.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.action.HttpActionActivitiesImpl;
import dev.firebreak.activities.dryrun.DryRunHttpActionActivities;
import dev.firebreak.activities.fakes.FakeHttpEndpoint;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.SecretExpander;
import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.action.HttpActionResult;
import dev.firebreak.workflows.job.JobCall;
import dev.firebreak.workflows.playbook.ActionParameters;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobCallActivitiesTest {

  private final FakeHttpEndpoint app = new FakeHttpEndpoint();
  private final JobCallActivities calls =
      new JobCallActivities(
          new HttpActionActivitiesImpl(
              HttpTransport.withCallDeadlinesOnly(),
              new SecretExpander(Map.of("CRON_SECRET", "s3cret")::get)),
          new DryRunHttpActionActivities());

  @AfterEach
  void stop() {
    app.close();
  }

  private JobCall verification(boolean dryRun) {
    return new JobCall(
        "payment-verification",
        HttpAction.configured(
            "payment-verification",
            "POST",
            app.url("/api/cron/payment-verification"),
            Map.of("Authorization", "Bearer ${CRON_SECRET}"),
            null,
            0,
            Duration.ofSeconds(2)),
        dryRun);
  }

  @Test
  void aLiveJobCallsTheCronEndpointWithItsSecret() {
    HttpActionResult result = calls.call(verification(false));

    assertThat(app.lastRequest().getHeader("Authorization")).isEqualTo("Bearer s3cret");
    assertThat(app.lastRequest().getPath()).isEqualTo("/api/cron/payment-verification");
    assertThat(result.dryRun()).isFalse();
    assertThat(result.status()).isEqualTo(200);
  }

  @Test
  void aFailingCronEndpointFailsTheCallRetryably() {
    app.answer(503, "{\"error\":\"database unavailable\"}");

    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> calls.call(verification(false)));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).contains("503");
  }

  @Test
  void aDryRunJobDescribesTheCallAndSendsNothing() {
    HttpActionResult result = calls.call(verification(true));

    assertThat(app.requests()).isEmpty();
    assertThat(result.dryRun()).isTrue();
    assertThat(result.detail())
        .startsWith("dry-run: POST " + app.url("/api/cron/payment-verification"))
        .doesNotContain("s3cret");
  }

  @Test
  void aParameterFilledInByARunArrivesIntactWithoutAddingAQueryParameterOrExpandingASecret()
      throws Exception {
    String note = "a\"b&since=0h $CRON_SECRET {CRON_SECRET}";
    HttpAction configured =
        HttpAction.configured(
            "collections-sync",
            "POST",
            app.url("/api/cron/collections") + "?since={{since}}&note={{note}}&key=${CRON_SECRET}",
            Map.of("Authorization", "Bearer ${CRON_SECRET}"),
            "{\"note\":\"{{note}}\"}",
            0,
            Duration.ofSeconds(2));
    HttpAction filled =
        ActionParameters.substitute(configured, Map.of("since", "7d", "note", note));

    calls.call(new JobCall("collections-sync", filled, false));

    var request = app.lastRequest();
    assertThat(request.getRequestUrl().queryParameterNames())
        .containsExactlyInAnyOrder("since", "note", "key");
    assertThat(request.getRequestUrl().queryParameter("since")).isEqualTo("7d");
    assertThat(request.getRequestUrl().queryParameter("note")).isEqualTo(note);
    assertThat(request.getRequestUrl().queryParameter("key")).isEqualTo("s3cret");
    assertThat(new ObjectMapper().readTree(request.getBody().readUtf8()).get("note").asText())
        .isEqualTo(note);
  }
}
