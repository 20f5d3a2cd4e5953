package dev.firebreak.activities.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeSentry;
import dev.firebreak.activities.fakes.FakeServer;
import dev.firebreak.activities.http.ProviderClientContract;
import dev.firebreak.workflows.diagnostics.ErrorCount;
import dev.firebreak.workflows.diagnostics.ErrorCountQuery;
import java.time.Duration;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class SentryClientTest extends ProviderClientContract {

  private static final Duration WINDOW = Duration.ofMinutes(15);

  private final FakeSentry sentry = new FakeSentry("sntrys_token", "recoup").errors("4501", 40, 2);
  private final SentryClient client = client("sntrys_token", "recoup");

  private SentryClient client(String token, String organisation) {
    return new SentryClient(TRANSPORT, sentry.baseUrl(), token, organisation, TIMEOUT);
  }

  @Override
  protected FakeServer fake() {
    return sentry;
  }

  @Override
  protected void callProvider() {
    client.errorCount("4501", WINDOW);
  }

  @Test
  void countsEveryOutcomeOfTheProjectsErrorsOverTheWindow() {
    long errors = client.errorCount("4501", WINDOW);

    RecordedRequest request = sentry.requests().get(0);
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer sntrys_token");
    assertThat(request.getPath())
        .isEqualTo(
            "/api/0/organizations/recoup/stats_v2/?field=sum%28quantity%29"
                + "&groupBy=outcome&category=error&statsPeriod=15m&interval=1m&project=4501");
    assertThat(errors).isEqualTo(42);
  }

  @Test
  void activityReportsTheCountForTheService() {
    ErrorCount count =
        new SentryErrorCounts(client)
            .recentErrors(new ErrorCountQuery("recoup-backend", "4501", WINDOW));

    assertThat(count).isEqualTo(new ErrorCount("recoup-backend", "4501", 42, WINDOW, false, null));
  }

  @Test
  void projectWithoutErrorsCountsZero() {
    assertThat(client.errorCount("999", WINDOW)).isZero();
  }

  @Test
  void badTokenIsPermanentWithSentrysDetail() {
    assertRejected(
        () -> client("stale", "recoup").errorCount("4501", WINDOW),
        "Sentry answered HTTP 401: Invalid token");
  }

  @Test
  void unknownOrganisationIsPermanent() {
    assertRejected(
        () -> client("sntrys_token", "other").errorCount("4501", WINDOW),
        "Sentry answered HTTP 404: The requested resource does not exist");
  }
}
