package dev.firebreak.activities.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeHealthEndpoint;
import dev.firebreak.activities.fakes.FakeStatusPage;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.workflows.diagnostics.DependencyStatus;
import dev.firebreak.workflows.diagnostics.StatusPageCheck;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusPageReaderTest {

  private final FakeStatusPage page = new FakeStatusPage();
  private final StatusPageReader reader =
      new StatusPageReader(HttpTransport.withCallDeadlinesOnly(), Duration.ofMillis(300));

  @AfterEach
  void stop() {
    page.close();
  }

  private DependencyStatus read(String url) {
    return reader.read(new StatusPageCheck("stripe", url));
  }

  @Test
  void operationalPageIsNotDegraded() {
    DependencyStatus status = read(page.url());

    assertThat(status)
        .isEqualTo(new DependencyStatus("stripe", "none", "All Systems Operational", false, false));
    assertThat(page.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.getPath()).isEqualTo(FakeStatusPage.STATUS_PATH));
  }

  @Test
  void anyIndicatorButNoneIsDegraded() {
    page.status("major", "Partial System Outage");

    DependencyStatus status = read(page.url());

    assertThat(status.indicator()).isEqualTo("major");
    assertThat(status.description()).isEqualTo("Partial System Outage");
    assertThat(status.degraded()).isTrue();
  }

  @Test
  void pageUrlWithoutTrailingSlashReadsTheSameEndpoint() {
    String withoutSlash = page.url().replaceAll("/$", "");

    assertThat(read(withoutSlash).indicator()).isEqualTo("none");
  }

  @Test
  void pageAnsweringAnErrorIsUnknownNotDegraded() {
    page.faults().failNext(1, 500);

    DependencyStatus status = read(page.url());

    assertThat(status.indicator()).isEqualTo("unknown");
    assertThat(status.degraded()).isFalse();
    assertThat(status.description()).isEqualTo("status page answered HTTP 500");
  }

  @Test
  void unreachablePageIsUnknown() {
    DependencyStatus status =
        read(FakeHealthEndpoint.refusedUrl().replace(FakeHealthEndpoint.PATH, ""));

    assertThat(status.indicator()).isEqualTo("unknown");
    assertThat(status.description()).startsWith("status page unreachable");
  }

  @Test
  void slowPageIsUnknown() {
    page.faults().slowNext(1, Duration.ofMillis(900));

    assertThat(read(page.url()).description()).isEqualTo("status page did not answer within 300ms");
  }
}
