package dev.firebreak.worker;

import com.google.protobuf.Timestamp;
import dev.firebreak.starter.config.DurationText;
import dev.firebreak.starter.heartbeats.HeartbeatWorkflows;
import dev.firebreak.workflows.common.TaskQueue;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue #17's heartbeat benchmark: {@code benchmark.heartbeats} (1,000) heartbeats with a period of
 * one minute and {@code benchmark.grace} (1m, the config's minimum) ping once a minute, spread
 * evenly over the minute, for {@code benchmark.minutes} (10) rounds; every {@code 1 /
 * benchmark.missedFraction}-th heartbeat (1 %) skips three pings in a row and then pings again.
 * Half ping by token ({@code /ping/<token>}), half by slug ({@code /ping/<key>/<slug>}).
 *
 * <p>Reports the ping → 200 latency (target p99 ≤ 50 ms), for every skipped heartbeat the time from
 * its deadline (the last ping before the gap + period + grace) to its incident's workflow start
 * (target ≤ 5 s), the incidents declared for heartbeats that pinged in time before their deadline
 * (false incidents, target 0), how long the worker took to start the heartbeats' workflows, and
 * what a heartbeat costs per day: the history events and the billed actions of the workflows of
 * {@code benchmark.historySample} (200) heartbeats that never skipped, counted over the whole
 * minutes between the first and the last round and divided out. Not part of `./mvnw verify`; run it
 * with {@code TEMPORAL_CLI=$(command -v temporal) ./mvnw -B -Pbenchmark -pl worker -am verify
 * -Dbenchmark.temporal=cli -Dtest=HeartbeatBenchmark -Dsurefire.failIfNoSpecifiedTests=false} and
 * read {@code worker/target/benchmark/heartbeat-benchmark-cli.md}.
 */
class HeartbeatBenchmark {

  private static final int HEARTBEATS = Integer.getInteger("benchmark.heartbeats", 1_000);
  private static final int MINUTES = Integer.getInteger("benchmark.minutes", 10);
  private static final double MISSED_FRACTION =
      Double.parseDouble(System.getProperty("benchmark.missedFraction", "0.01"));
  private static final String GRACE = System.getProperty("benchmark.grace", "1m");
  private static final int HISTORY_SAMPLE = Integer.getInteger("benchmark.historySample", 200);
  private static final int SENDERS = 32;

  private static final Duration PERIOD = Duration.ofMinutes(1);

  /** Pings a skipping heartbeat leaves out: the deadline passes and the incident is declared. */
  private static final int SKIPPED_ROUNDS = 3;

  private static final String PING_KEY = "bench-ping-key-0123456789";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * The history events Temporal Cloud bills as actions (a start, a signal received, a timer, an
   * activity, a child workflow, a signal to another workflow, a search-attribute upsert, a marker
   * of a side effect or local activity, a continue-as-new); the rest are free.
   */
  private static final Set<EventType> ACTIONS =
      Set.of(
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
          EventType.EVENT_TYPE_TIMER_STARTED,
          EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
          EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
          EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
          EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
          EventType.EVENT_TYPE_MARKER_RECORDED,
          EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);

  /** When one ping was sent and answered. */
  private record Sent(Instant at, Instant answered, int status) {}

  @Test
  void measure() throws Exception {
    BenchmarkReport report = new BenchmarkReport("heartbeat-benchmark.md");
    Path config = Files.createTempFile("heartbeat-benchmark", ".yaml");
    Files.writeString(config, config());
    long setupStart = System.nanoTime();
    try (BenchmarkStack dev = BenchmarkStack.start("heartbeats", config, env())) {
      awaitWorkflows(dev.client());
      report.add(
          String.format(
              "%,d heartbeats (period %s, grace %s; %d skipping up to %d pings in a row): the worker started"
                  + " their workflows within %.1f s of the stack's start",
              HEARTBEATS,
              "1m",
              GRACE,
              skipping().size(),
              SKIPPED_ROUNDS,
              (System.nanoTime() - setupStart) / 1e9));
      Map<String, Double> cpuBefore = dev.cpuSeconds();
      Instant start = Instant.now().plusSeconds(2);
      Map<Integer, List<Sent>> sent = ping(dev, start);
      report.add(dev.cpuSince(cpuBefore) + " (the " + MINUTES + " rounds of pings)");
      reportLatency(report, sent);
      awaitIncidents(dev.client(), start);
      reportIncidents(report, dev.client(), sent);
      reportCost(report, dev.client(), start, sent);
    }
    report.write();
  }

  // ---- The load --------------------------------------------------------------------------------

  /** Every heartbeat's pings, by heartbeat, in the order they were sent. */
  private static Map<Integer, List<Sent>> ping(BenchmarkStack dev, Instant start)
      throws InterruptedException {
    Map<Integer, List<Sent>> sent = new ConcurrentHashMap<>();
    ScheduledExecutorService senders = Executors.newScheduledThreadPool(SENDERS);
    Set<Integer> skipping = skipping().keySet();
    long startNanos = System.nanoTime() + Duration.between(Instant.now(), start).toNanos();
    for (int round = 0; round < MINUTES; round++) {
      for (int i = 0; i < HEARTBEATS; i++) {
        if (skipping.contains(i) && skips(i, round)) {
          continue;
        }
        int heartbeat = i;
        long at = startNanos + offset(i).toNanos() + PERIOD.toNanos() * round;
        senders.schedule(
            () -> {
              sent.computeIfAbsent(heartbeat, k -> new CopyOnWriteArrayList<>())
                  .add(send(dev, heartbeat));
            },
            at - System.nanoTime(),
            TimeUnit.NANOSECONDS);
      }
    }
    senders.shutdown();
    if (!senders.awaitTermination(MINUTES + 10, TimeUnit.MINUTES)) {
      throw new IllegalStateException("the pings did not finish");
    }
    return sent;
  }

  private static Sent send(BenchmarkStack dev, int heartbeat) {
    String path =
        heartbeat % 2 == 0
            ? "/ping/" + token(heartbeat)
            : "/ping/" + PING_KEY + "/" + name(heartbeat);
    Instant at = Instant.now();
    try {
      int status =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create(dev.apiUrl() + path)).GET().build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      return new Sent(at, Instant.now(), status);
    } catch (IOException e) {
      return new Sent(at, Instant.now(), -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Sent(at, Instant.now(), -1);
    }
  }

  /** Spread evenly over the minute, so the server sees a steady rate. */
  private static Duration offset(int heartbeat) {
    return PERIOD.multipliedBy(heartbeat).dividedBy(HEARTBEATS);
  }

  /**
   * The skipping heartbeats by the first round they skip: one in {@code 1 / missedFraction}, their
   * gaps spread over the run so that most ping again (and resolve) before it ends.
   */
  private static Map<Integer, Integer> skipping() {
    Map<Integer, Integer> firstSkipped = new TreeMap<>();
    int step = Math.max(1, (int) Math.round(1 / MISSED_FRACTION));
    int spread = Math.max(1, MINUTES - SKIPPED_ROUNDS - 1);
    for (int i = step / 2, j = 0; i < HEARTBEATS; i += step, j++) {
      firstSkipped.put(i, 1 + j % spread);
    }
    return firstSkipped;
  }

  private static boolean skips(int heartbeat, int round) {
    int first = skipping().get(heartbeat);
    return round >= first && round < first + SKIPPED_ROUNDS;
  }

  // ---- The verdicts ----------------------------------------------------------------------------

  private static void reportLatency(BenchmarkReport report, Map<Integer, List<Sent>> sent) {
    List<Double> millis = new ArrayList<>();
    AtomicInteger refused = new AtomicInteger();
    sent.values()
        .forEach(
            pings ->
                pings.forEach(
                    p -> {
                      millis.add(Duration.between(p.at(), p.answered()).toNanos() / 1e6);
                      if (p.status() != 200) {
                        refused.incrementAndGet();
                      }
                    }));
    report.add(
        String.format(
            "%,d pings over %d rounds (%d senders): not 200: %d; ping → 200 %s (target p99 ≤ 50 ms)",
            millis.size(), MINUTES, SENDERS, refused.get(), BenchmarkReport.summary(millis)));
  }

  /**
   * When each heartbeat's incidents started, by heartbeat name. A heartbeat's incident ids are the
   * day it declared and its count of incidents ({@code INC-<yyyyMMdd>-hb-<name>-<n>}), so they are
   * found by describing, which both layouts' servers answer, rather than by a visibility query.
   */
  private static Map<String, List<Instant>> declared(
      WorkflowClient client, Map<Integer, List<Sent>> sent) {
    Instant first =
        sent.values().stream().map(p -> p.get(0).at()).min(Instant::compareTo).orElseThrow();
    List<String> days = new ArrayList<>();
    for (LocalDate day = LocalDate.ofInstant(first, ZoneOffset.UTC);
        !day.isAfter(LocalDate.now(ZoneOffset.UTC));
        day = day.plusDays(1)) {
      days.add(day.format(DateTimeFormatter.BASIC_ISO_DATE));
    }
    Map<String, List<Instant>> declared = new HashMap<>();
    for (int i = 0; i < HEARTBEATS; i++) {
      List<Instant> starts = new ArrayList<>();
      for (int n = 1; ; n++) {
        Instant started = null;
        for (String day : days) {
          started = incidentStart(client, "INC-" + day + "-hb-" + name(i) + "-" + n);
          if (started != null) {
            break;
          }
        }
        if (started == null) {
          break;
        }
        starts.add(started);
      }
      declared.put(name(i), starts);
    }
    return declared;
  }

  private static Instant incidentStart(WorkflowClient client, String incidentId) {
    try {
      Timestamp start =
          client
              .newUntypedWorkflowStub("incident-" + incidentId)
              .describe()
              .getWorkflowExecutionInfo()
              .getStartTime();
      return Instant.ofEpochSecond(start.getSeconds(), start.getNanos());
    } catch (WorkflowNotFoundException none) {
      return null;
    }
  }

  /** Waits until every skipping heartbeat's deadline has passed by a minute. */
  private static void awaitIncidents(WorkflowClient client, Instant start)
      throws InterruptedException {
    Instant last = start;
    for (Map.Entry<Integer, Integer> skip : skipping().entrySet()) {
      Instant deadline = lastPingBefore(start, skip.getKey(), skip.getValue()).plus(deadline());
      last = deadline.isAfter(last) ? deadline : last;
    }
    Duration wait = Duration.between(Instant.now(), last.plusSeconds(60));
    if (!wait.isNegative()) {
      Thread.sleep(wait.toMillis());
    }
  }

  private static void reportIncidents(
      BenchmarkReport report, WorkflowClient client, Map<Integer, List<Sent>> sent) {
    Map<String, List<Instant>> declared = declared(client, sent);
    List<Double> lags = new ArrayList<>();
    int missing = 0;
    int falseIncidents = 0;
    Map<Integer, Integer> skipping = skipping();
    for (int i = 0; i < HEARTBEATS; i++) {
      List<Instant> incidents = declared.getOrDefault(name(i), List.of());
      List<Sent> pings = sent.getOrDefault(i, List.of());
      if (skipping.containsKey(i)) {
        // The deadline runs from the last ping answered before the gap: the API read the time
        // between sending and answering, so this overstates the lag by at most that ping's latency.
        Instant deadline = pings.get(skipping.get(i) - 1).at().plus(deadline());
        Instant found =
            incidents.stream()
                .filter(at -> !at.isBefore(deadline.minus(PERIOD)))
                .min(Instant::compareTo)
                .orElse(null);
        if (found == null) {
          missing++;
        } else {
          lags.add(Duration.between(deadline, found).toMillis() / 1.0);
        }
        falseIncidents += incidents.size() - (found == null ? 0 : 1);
      } else if (!pings.isEmpty()) {
        // Before the last ping's deadline a heartbeat that pinged every minute must not be down;
        // after it, the run has ended and every heartbeat goes down.
        Instant end = pings.get(pings.size() - 1).at().plus(deadline());
        falseIncidents += (int) incidents.stream().filter(at -> at.isBefore(end)).count();
      }
    }
    report.add(
        String.format(
            "Missed pings: %d heartbeats skipped, %d declared, %d not declared; deadline → incident"
                + " started %s (target ≤ 5 s; negative: declared early); false incidents: %d (target 0)",
            skipping.size(), lags.size(), missing, BenchmarkReport.summary(lags), falseIncidents));
  }

  /**
   * History events and actions per heartbeat-day, from the histories of heartbeats that pinged
   * every round, over the whole minutes after the first round and up to the last: every heartbeat's
   * round is in each such minute once.
   */
  private static void reportCost(
      BenchmarkReport report, WorkflowClient client, Instant start, Map<Integer, List<Sent>> sent) {
    Instant from = start.plus(PERIOD);
    Instant to = start.plus(PERIOD.multipliedBy(MINUTES));
    Map<EventType, Integer> byType = new EnumMap<>(EventType.class);
    int sampled = 0;
    int pingsSent = 0;
    int signals = 0;
    int step = Math.max(1, HEARTBEATS / Math.max(1, HISTORY_SAMPLE));
    for (int i = 0; i < HEARTBEATS && sampled < HISTORY_SAMPLE; i += step) {
      if (skipping().containsKey(i)) {
        continue;
      }
      sampled++;
      for (HistoryEvent event : history(client, "heartbeat-" + name(i))) {
        Instant at =
            Instant.ofEpochSecond(
                event.getEventTime().getSeconds(), event.getEventTime().getNanos());
        if (at.isBefore(from) || !at.isBefore(to)) {
          continue;
        }
        byType.merge(event.getEventType(), 1, Integer::sum);
        if (event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
            && event.getWorkflowExecutionSignaledEventAttributes().getSignalName().equals("ping")) {
          signals++;
        }
      }
      for (Sent ping : sent.getOrDefault(i, List.of())) {
        pingsSent += !ping.at().isBefore(from) && ping.at().isBefore(to) ? 1 : 0;
      }
    }
    double heartbeatDays = sampled * Duration.between(from, to).toSeconds() / 86_400.0;
    int events = byType.values().stream().mapToInt(Integer::intValue).sum();
    int actions =
        byType.entrySet().stream()
            .filter(e -> ACTIONS.contains(e.getKey()))
            .mapToInt(Map.Entry::getValue)
            .sum();
    StringBuilder types = new StringBuilder();
    byType.forEach(
        (type, count) ->
            types.append(
                String.format(
                    " %s %.0f;",
                    type.name().replace("EVENT_TYPE_", "").toLowerCase(Locale.ROOT),
                    count / heartbeatDays)));
    report.add(
        String.format(
            "Cost of a heartbeat pinged once a minute (%d heartbeats sampled, %s to %s): %,.0f"
                + " history events and %,.0f billed actions per heartbeat-day; %d of %d pings"
                + " reached the workflow as signals (%d absorbed by the API). Per heartbeat-day"
                + " by event type:%s",
            sampled,
            from,
            to,
            events / heartbeatDays,
            actions / heartbeatDays,
            signals,
            pingsSent,
            pingsSent - signals,
            types));
  }

  /** Every event of the workflow's runs, following continue-as-new back to the first run. */
  private static List<HistoryEvent> history(WorkflowClient client, String workflowId) {
    List<HistoryEvent> events = new ArrayList<>();
    WorkflowExecutionHistory run = client.fetchHistory(workflowId);
    while (true) {
      events.addAll(run.getEvents());
      String previous =
          run.getEvents()
              .get(0)
              .getWorkflowExecutionStartedEventAttributes()
              .getContinuedExecutionRunId();
      if (previous.isEmpty()) {
        return events;
      }
      run = client.fetchHistory(workflowId, previous);
    }
  }

  // ---- The set-up ------------------------------------------------------------------------------

  /** The worker starts every heartbeat's workflow after it starts polling. */
  private static void awaitWorkflows(WorkflowClient client) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    HeartbeatWorkflows heartbeats = new HeartbeatWorkflows(client, TaskQueue.NAME);
    long running;
    while ((running = heartbeats.runningIds().size()) < HEARTBEATS) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(running + " of " + HEARTBEATS + " heartbeats running");
      }
      Thread.sleep(1_000);
    }
  }

  private static Instant lastPingBefore(Instant start, int heartbeat, int firstSkipped) {
    return start.plus(offset(heartbeat)).plus(PERIOD.multipliedBy(firstSkipped - 1L));
  }

  private static Duration deadline() {
    return PERIOD.plus(DurationText.parse(GRACE).orElseThrow());
  }

  private static String name(int heartbeat) {
    return "hb-" + heartbeat;
  }

  private static String token(int heartbeat) {
    return "bench-token-" + heartbeat + "-a1b2c3d4";
  }

  private static Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("BENCH_PING_KEY", PING_KEY);
    for (int i = 0; i < HEARTBEATS; i += 2) {
      env.put("HB_" + i, token(i));
    }
    return env;
  }

  private static String config() {
    StringBuilder yaml =
        new StringBuilder(BenchmarkStack.configHeader("Heartbeat benchmark"))
            .append("heartbeatPingKey: \"${BENCH_PING_KEY}\"\nheartbeats:\n");
    for (int i = 0; i < HEARTBEATS; i++) {
      yaml.append("  - { name: ")
          .append(name(i))
          .append(", period: 1m, grace: ")
          .append(GRACE)
          .append(i % 2 == 0 ? ", pingToken: \"${HB_" + i + "}\"" : "")
          .append(" }\n");
    }
    return yaml.toString();
  }
}
