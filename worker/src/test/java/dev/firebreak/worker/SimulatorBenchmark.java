package dev.firebreak.worker;

import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.simulation.PagingSimulator;
import dev.firebreak.starter.simulation.Simulation;
import dev.firebreak.starter.simulation.SimulationRequest;
import dev.firebreak.starter.simulation.SimulationRequests;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The paging simulator's run time for the longest incident it simulates: a P0 nobody acknowledges
 * for a whole day, its four levels two hours apart walked three times (twelve pages, the escalation
 * exhausted at the 24th hour, an update reminder every 15 minutes in between). Each run starts its
 * own in-process test server, as {@code firebreak simulate} and the API do. Target: under 2 s.
 */
class SimulatorBenchmark {

  private static final int WARM_UP = 3;
  private static final int MEASURED = 10;

  static final String CONFIG =
      """
      organisation: Simulator benchmark
      severities:
        P0: { ackTimeout: 2h, updateInterval: 15m }
      escalation:
        rounds: 3
        levels:
          - { name: on-call, targets: ["slack:U0ONCALL", "pagerduty:ops"] }
          - { name: secondary, after: 2h, targets: ["slack:U0SECONDARY", "sms:+447700900001"] }
          - { name: lead, after: 2h, targets: ["slack:U0LEAD", "email:lead@example.com"] }
          - { name: cto, after: 2h, severities: [P0], targets: ["sms:+447700900002"] }
      services:
        - { name: shop }
      """;

  @Test
  void aDayLongP0WithEveryLevelAndRound() throws Exception {
    FirebreakConfig config = new ConfigLoader().load(CONFIG);
    SimulationRequest request =
        new SimulationRequests(
                config, Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC))
            .read("P0", "shop", "2026-12-25T03:00 Europe/London", null);
    PagingSimulator simulator = new PagingSimulator(config);
    long coldStart = System.nanoTime();
    Simulation first = simulator.run(request);
    double coldMillis = (System.nanoTime() - coldStart) / 1e6;
    if (first.pages().size() != 21) {
      throw new IllegalStateException("expected 21 paged targets, got " + first.pages());
    }
    for (int i = 0; i < WARM_UP; i++) {
      simulator.run(request);
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < MEASURED; i++) {
      long start = System.nanoTime();
      simulator.run(request);
      millis.add((System.nanoTime() - start) / 1e6);
    }
    BenchmarkReport report = new BenchmarkReport("simulator-benchmark.md");
    report.add(
        String.format(
            "Simulated 24-hour P0, 4 levels × 3 rounds (%d paged targets; %s): first run in the"
                + " JVM %.0f ms; then %d runs after %d warm-up: %s (target under 2 s)",
            first.pages().size(),
            first.outcome(),
            coldMillis,
            MEASURED,
            WARM_UP,
            BenchmarkReport.summary(millis)));
    report.write();
  }
}
