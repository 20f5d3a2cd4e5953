package dev.firebreak.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.starter.slack.SlackEndpoints;
import dev.firebreak.starter.slack.SlackRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue #3's measurement: signed {@code /incident declare} and {@code /incident status} requests at
 * a fixed rate (open loop: a slow answer does not slow the sender) against dev mode with Slack live
 * against the fake, timing each request to its HTTP 200, then checking that every declared incident
 * got exactly one incident message. Run with {@code ./mvnw -B -Pbenchmark -pl worker -am verify
 * -Dtest=SlackCommandBenchmark}; shorten it with {@code -Dbenchmark.seconds=10}, change the rate
 * with {@code -Dbenchmark.rate=50} (requests per second, declare and status alternating). The
 * report is {@code worker/target/benchmark/slack-command-benchmark.md}; {@code
 * -Dbenchmark.temporal=cli} runs it on a real server ({@link BenchmarkStack}).
 */
class SlackCommandBenchmark {

  private static final String SECRET = "benchmark-signing-secret";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DECLARED = Pattern.compile("declared \\*(INC-\\d{8}-\\d+)\\*");
  private static final Path RECOUP = Path.of("../examples/recoup.yaml");

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void measure() throws Exception {
    int seconds = Integer.getInteger("benchmark.seconds", 60);
    int rate = Integer.getInteger("benchmark.rate", 50);
    Set<String> withMessage = ConcurrentHashMap.newKeySet();
    try (FakeSlack slack = new FakeSlack()) {
      slack.onPost(
          message -> {
            String key = message.metadataValue("key");
            if (key != null && key.endsWith("/incident-message")) {
              withMessage.add(key.substring(0, key.indexOf('/')));
            }
          });
      Map<String, String> env =
          Map.of(
              "SLACK_BOT_TOKEN",
              slack.token(),
              "SLACK_SIGNING_SECRET",
              SECRET,
              "SLACK_API_URL",
              slack.apiUrlPrefix());
      // The Recoup runbook's own timings: nothing but the declarations fires while the load runs.
      try (BenchmarkStack dev = BenchmarkStack.start("slack-commands", RECOUP, env)) {
        SlackRequests requests = new SlackRequests(dev.apiUrl(), SECRET);
        // Warm-up (JIT, connections), not measured.
        Run warmUp = run(dev, requests, slack, rate, Integer.getInteger("benchmark.warmup", 5));
        awaitAnIncidentToAskAbout(warmUp, slack);
        Map<String, Double> cpuBefore = dev.cpuSeconds();
        Run measured = run(dev, requests, slack, rate, seconds);
        String cpu = dev.cpuSince(cpuBefore);
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!measured.allAnswered(slack) && Instant.now().isBefore(deadline)) {
          Thread.sleep(500);
        }
        Set<String> declared = measured.declared(slack);
        while (!withMessage.containsAll(declared) && Instant.now().isBefore(deadline)) {
          Thread.sleep(500);
        }
        // Each incident message lives in its incident's own room.
        Map<String, Long> messagesPerIncident =
            slack.channels().stream()
                .flatMap(channel -> slack.messages(channel.id()).stream())
                .map(m -> m.metadataValue("key"))
                .filter(k -> k != null && k.endsWith("/incident-message"))
                .collect(
                    Collectors.groupingBy(
                        k -> k.substring(0, k.indexOf('/')), Collectors.counting()));
        long exactlyOne =
            declared.stream().filter(id -> messagesPerIncident.getOrDefault(id, 0L) == 1).count();
        BenchmarkReport report = new BenchmarkReport("slack-command-benchmark.md");
        report.add(
            String.format(
                "Load: %d signed requests/s for %d s (declare and status alternating), open loop",
                rate, seconds));
        report.add(measured.line("declare"));
        report.add(measured.line("status"));
        report.add(measured.line(null));
        report.add(
            String.format(
                "Incidents declared: %d; with exactly one incident message: %d; non-200 answers: %d; "
                    + "answered later by response_url: %d",
                declared.size(), exactlyOne, measured.failures.get(), measured.deferred.get()));
        report.add(cpu + " (the load only)");
        report.write();
      }
    }
  }

  /** One load run: what each request took, and the incidents it declared. */
  private static final class Run {
    final Map<String, List<Double>> millisByVerb = new ConcurrentHashMap<>();
    final Set<String> declaredInline = ConcurrentHashMap.newKeySet();
    final List<String> deferredUrls = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger deferred = new AtomicInteger();

    void record(String verb, double millis) {
      millisByVerb
          .computeIfAbsent(verb, v -> Collections.synchronizedList(new ArrayList<>()))
          .add(millis);
    }

    boolean allAnswered(FakeSlack slack) {
      synchronized (deferredUrls) {
        return deferredUrls.stream().allMatch(url -> !slack.responses(url).isEmpty());
      }
    }

    /** Declarations answered inline, plus those whose answer came by response_url. */
    Set<String> declared(FakeSlack slack) {
      Set<String> ids = ConcurrentHashMap.newKeySet();
      ids.addAll(declaredInline);
      synchronized (deferredUrls) {
        for (String url : deferredUrls) {
          slack
              .responses(url)
              .forEach(answer -> idIn(answer.path("text").asText()).ifPresent(ids::add));
        }
      }
      return ids;
    }

    String line(String verb) {
      List<Double> millis = new ArrayList<>();
      millisByVerb.forEach(
          (v, list) -> {
            if (verb == null || verb.equals(v)) {
              synchronized (list) {
                millis.addAll(list);
              }
            }
          });
      Collections.sort(millis);
      return String.format(
          "%s → HTTP 200: %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
          verb == null ? "all" : "/incident " + verb,
          millis.size(),
          BenchmarkReport.percentile(millis, 50),
          BenchmarkReport.percentile(millis, 99),
          millis.isEmpty() ? 0 : millis.get(millis.size() - 1));
    }
  }

  /**
   * The incident status requests ask about: the newest one declared with an inline answer, kept
   * from the warm-up on, so the measured mix stays half declarations and half status however many
   * declarations are answered later by response_url.
   */
  private final AtomicReference<String> lastDeclared = new AtomicReference<>();

  /**
   * When every warm-up declaration was answered later by response_url (on a real server the first
   * workflow task can take longer than the inline budget), status requests ask about one of those,
   * so the measured mix is still half declarations and half status.
   */
  private void awaitAnIncidentToAskAbout(Run warmUp, FakeSlack slack) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (lastDeclared.get() == null && Instant.now().isBefore(deadline)) {
      warmUp.declared(slack).stream()
          .findAny()
          .ifPresent(id -> lastDeclared.compareAndSet(null, id));
      Thread.sleep(200);
    }
  }

  private Run run(
      BenchmarkStack dev, SlackRequests requests, FakeSlack slack, int rate, int seconds)
      throws Exception {
    Run run = new Run();
    List<CompletableFuture<Void>> inFlight = new ArrayList<>();
    long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
    long start = System.nanoTime();
    for (int i = 0; i < rate * seconds; i++) {
      long due = start + i * periodNanos;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      boolean declare = i % 2 == 0 || lastDeclared.get() == null;
      String responseUrl = slack.responseUrl("bench-" + i + "-" + start);
      String text =
          declare
              ? "declare P2 recoup-backend Benchmark incident " + i
              : "status " + lastDeclared.get();
      String body = requests.commandBody(text, "U0BENCH", "incidents", responseUrl);
      HttpRequest request = signed(dev.apiUrl() + SlackEndpoints.COMMANDS, requests, body);
      long sent = System.nanoTime();
      inFlight.add(
          http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .handle(
                  (response, failure) -> {
                    double millis = (System.nanoTime() - sent) / 1e6;
                    if (failure != null || response.statusCode() != 200) {
                      run.failures.incrementAndGet();
                      return null;
                    }
                    run.record(declare ? "declare" : "status", millis);
                    String answer = answerText(response.body());
                    if (answer.startsWith("⏳")) {
                      run.deferred.incrementAndGet();
                      run.deferredUrls.add(responseUrl);
                    }
                    if (declare) {
                      idIn(answer)
                          .ifPresent(
                              id -> {
                                run.declaredInline.add(id);
                                lastDeclared.set(id);
                              });
                    }
                    return null;
                  }));
    }
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
    return run;
  }

  private static HttpRequest signed(String url, SlackRequests requests, String body) {
    long now = Instant.now().getEpochSecond();
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Slack-Request-Timestamp", Long.toString(now))
        .header("X-Slack-Signature", requests.sign(now, body))
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static String answerText(String body) {
    try {
      JsonNode answer = JSON.readTree(body);
      return answer.path("text").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  private static java.util.Optional<String> idIn(String text) {
    Matcher matcher = DECLARED.matcher(text);
    return matcher.find() ? java.util.Optional.of(matcher.group(1)) : java.util.Optional.empty();
  }
}
