package dev.firebreak.activities.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import okhttp3.Request;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.Test;

class ProviderCallMetricsTest {

  @ActivityInterface(namePrefix = "Probe")
  public interface ProbeActivities {
    int call(String url);
  }

  @Test
  void everyCallThroughProviderHttpIsCountedByOutcome() throws Exception {
    MeteredActivityEnvironment metered = new MeteredActivityEnvironment();
    TestActivityEnvironment env = metered.env;
    ProviderHttp http =
        new ProviderHttp(HttpTransport.withCallDeadlinesOnly(), "Acme", body -> body);
    env.registerActivitiesImplementations(
        (ProbeActivities)
            url -> {
              try {
                return http.exchange(new Request.Builder().url(url).build(), Duration.ofMillis(500))
                    .status();
              } catch (RuntimeException noAnswer) {
                return -1;
              }
            });
    ProbeActivities probe = env.newActivityStub(ProbeActivities.class);

    try (MockWebServer server = new MockWebServer()) {
      server.enqueue(new MockResponse().setResponseCode(200));
      server.enqueue(new MockResponse().setResponseCode(429));
      server.enqueue(new MockResponse().setResponseCode(404));
      server.enqueue(new MockResponse().setResponseCode(503));
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE));
      server.start();
      for (int i = 0; i < 5; i++) {
        probe.call(server.url("/v1/thing").toString());
      }
    } finally {
      metered.close();
    }

    assertThat(metered.reported.counters)
        .containsEntry(ProviderCallMetrics.NAME + "Acmeok", 1L)
        .containsEntry(ProviderCallMetrics.NAME + "Acmerate_limited", 1L)
        .containsEntry(ProviderCallMetrics.NAME + "Acmeclient_error", 1L)
        .containsEntry(ProviderCallMetrics.NAME + "Acmeserver_error", 1L)
        .containsEntry(ProviderCallMetrics.NAME + "Acmetimeout", 1L);
  }
}
