package dev.firebreak.worker;

import dev.firebreak.activities.fakes.FakeStripe;
import dev.firebreak.activities.fakes.FakeWebhookReceiver;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.webhooks.WebhookRetryReport;
import dev.firebreak.workflows.webhooks.WebhookRetryRequest;
import dev.firebreak.workflows.webhooks.WebhookRetryWorkflow;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #5's webhook retry measurement, on dev mode's embedded server with Stripe live against
 * {@link FakeStripe} and the application's endpoint a {@link FakeWebhookReceiver} that takes {@link
 * #LIMIT} requests a second and answers 429 beyond. Not part of `./mvnw verify`; run it with {@code
 * ./mvnw -B -Pbenchmark -pl worker -am verify -Dtest=WebhookRetryBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbenchmark.events=10000]} and read {@code
 * worker/target/benchmark/webhook-retry-benchmark.md}.
 */
class WebhookRetryBenchmark {

  private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
  private static final int LIMIT = 100;
  private static final int EVENTS = Integer.getInteger("benchmark.events", 10_000);
  private static final String JOB_ID = "job-webhook-retry-benchmark";
  private final List<String> report = new ArrayList<>();

  @Test
  void measure() throws Exception {
    report.add(
        "Machine: "
            + Runtime.getRuntime().availableProcessors()
            + " cores, JDK "
            + System.getProperty("java.version")
            + ", max heap "
            + Runtime.getRuntime().maxMemory() / (1 << 20)
            + " MiB, load average before the run "
            + loadAverage());
    Path config = Files.createTempFile("webhook-retry-benchmark", ".yaml");
    Files.writeString(
        config,
        """
        organisation: Webhook retry benchmark
        providers:
          stripe: { apiKey: "${STRIPE_API_KEY}" }
        escalation:
          levels:
            - { name: primary, targets: ["slack:U1"] }
        services:
          - name: recoup-app
        """);
    try (FakeStripe stripe = new FakeStripe("sk_test_benchmark");
        FakeWebhookReceiver receiver = new FakeWebhookReceiver("whsec_benchmark").limitTo(LIMIT)) {
      for (int i = 0; i < EVENTS; i++) {
        stripe.event(String.format("evt_%06d", i), "invoice.paid", T0.plusSeconds(i), false);
      }
      Map<String, String> env =
          Map.of(
              "STRIPE_API_KEY",
              "sk_test_benchmark",
              "STRIPE_API_URL",
              stripe.baseUrl(),
              "STRIPE_WEBHOOK_SECRET",
              "whsec_benchmark");
      try (DevMode dev = DevMode.start(config, FreePort.next(), FreePort.next(), env::get)) {
        WorkflowClient client = dev.process().client();
        WebhookRetryWorkflow job =
            client.newWorkflowStub(
                WebhookRetryWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(JOB_ID)
                    .setTaskQueue(TaskQueue.NAME)
                    .build());
        long start = System.nanoTime();
        WorkflowExecution first =
            WorkflowClient.start(
                job::run,
                new WebhookRetryRequest(
                    "stripe",
                    receiver.url(),
                    "${STRIPE_WEBHOOK_SECRET}",
                    LIMIT,
                    5,
                    100,
                    20,
                    Duration.ofSeconds(5),
                    T0,
                    "#payments"),
                null);
        WebhookRetryReport result =
            client.newUntypedWorkflowStub(JOB_ID).getResult(WebhookRetryReport.class);
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        WorkflowExecutionHistory firstRun = client.fetchHistory(JOB_ID, first.getRunId());
        double achieved = (receiver.processed().size() - 1) / receiver.processingSeconds();
        report.add(
            String.format(
                "%,d failed events listed from FakeStripe (pages of 100), re-delivered to an endpoint"
                    + " limited to %d requests/s (token bucket, 429 beyond); batches of 100, continue-as-new every 20 batches",
                EVENTS, LIMIT));
        report.add(
            String.format(
                "Delivered %,d of %,d (listed %,d, %d dead letters) in %.1f s wall time (start to result)",
                result.delivered(),
                EVENTS,
                result.listed(),
                result.deadLettered().size(),
                wallSeconds));
        report.add(
            String.format(
                "Achieved rate, first to last event at the endpoint: %.1f/s = %.3f of the limit",
                achieved, achieved / LIMIT));
        report.add(
            String.format(
                "Events at the endpoint more than once: %d; 429 answers: %d; bad signatures: %d",
                receiver.duplicates().size(),
                receiver.rateLimitedAnswers(),
                receiver.badSignatures()));
        report.add(
            String.format(
                "Runs (continue-as-new): %d; history events of the first run: %d; Stripe calls: %d",
                result.runs() + 1, firstRun.getEvents().size(), stripe.requests().size()));
      }
    }
    report.add("Load average after the run: " + loadAverage());
    Path out = Path.of("target/benchmark/webhook-retry-benchmark.md");
    Files.createDirectories(out.getParent());
    Files.write(out, report);
    report.forEach(System.out::println);
  }

  private static String loadAverage() throws IOException {
    Path loadavg = Path.of("/proc/loadavg");
    return Files.exists(loadavg)
        ? String.join(" ", List.of(Files.readString(loadavg).split(" ")).subList(0, 3))
        : "n/a";
  }
}
