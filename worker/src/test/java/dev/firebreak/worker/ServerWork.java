package dev.firebreak.worker;

import static java.util.stream.Collectors.joining;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the Temporal server did for a stretch of a benchmark, counted from its own Prometheus
 * metrics: the clients' requests by operation and the server's persistence requests. On a saturated
 * machine the latency follows the server's work, so a ratio to the floor says more when it is set
 * beside what each workflow cost the server.
 *
 * <p>The CLI's dev server serves its metrics on a port of its choosing and prints it when it
 * starts; the benchmarks read it from the server's log. Its counters reach the endpoint about once
 * a second, so a stretch's edges blur by that much: the floor's round, which ends with its last
 * workflow, reads about 0.8 starts per workflow.
 */
final class ServerWork {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern METRICS_URL = Pattern.compile("Temporal Metrics:\\s+(\\S+)");
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)\\} ([0-9.eE+-]+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final String PERSISTENCE = "persistence requests";

  private final URI metrics;

  private ServerWork(URI metrics) {
    this.metrics = metrics;
  }

  /**
   * The server that last started with its output in {@code serverLog} (a log appended to across
   * runs holds every earlier server's address too). It listens on 127.0.0.1 and names it localhost.
   */
  static ServerWork of(Path serverLog) throws IOException {
    Matcher url = METRICS_URL.matcher(Files.readString(serverLog));
    String last = null;
    while (url.find()) {
      last = url.group(1);
    }
    if (last == null) {
      throw new IllegalStateException("no metrics address in " + serverLog);
    }
    return new ServerWork(URI.create(last.replace("//localhost:", "//127.0.0.1:")));
  }

  /** Counters so far: the frontend's requests by operation, and all persistence requests. */
  Map<String, Double> counts() throws IOException, InterruptedException {
    String text =
        HTTP.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, Double> counts = new TreeMap<>();
    text.lines()
        .map(SAMPLE::matcher)
        .filter(Matcher::matches)
        .forEach(
            sample -> {
              Map<String, String> labels = labels(sample.group(2));
              double value = Double.parseDouble(sample.group(3));
              if (sample.group(1).equals("service_requests")
                  && "frontend".equals(labels.get("service_name"))) {
                counts.merge(labels.get("operation"), value, Double::sum);
              } else if (sample.group(1).equals("persistence_requests")) {
                counts.merge(PERSISTENCE, value, Double::sum);
              }
            });
    return counts;
  }

  /**
   * One report line: what the server did per workflow since {@code before}, the busiest first.
   *
   * @param workflows how many workflows the stretch started, to divide by
   */
  String perWorkflowSince(Map<String, Double> before, int workflows, String label)
      throws IOException, InterruptedException {
    Map<String, Double> per = new TreeMap<>();
    counts()
        .forEach(
            (name, now) -> {
              double each = (now - before.getOrDefault(name, 0.0)) / workflows;
              if (each >= 0.05) {
                per.put(name, each);
              }
            });
    double requests =
        per.entrySet().stream()
            .filter(entry -> !entry.getKey().equals(PERSISTENCE))
            .mapToDouble(Map.Entry::getValue)
            .sum();
    return String.format(
        "Temporal server per %s: %.1f client requests, %.1f persistence requests; by operation: %s",
        label,
        requests,
        per.getOrDefault(PERSISTENCE, 0.0),
        per.entrySet().stream()
            .filter(entry -> !entry.getKey().equals(PERSISTENCE))
            .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
            .map(entry -> String.format("%s %.2f", entry.getKey(), entry.getValue()))
            .collect(joining(", ")));
  }

  private static Map<String, String> labels(String text) {
    Map<String, String> labels = new TreeMap<>();
    Matcher label = LABEL.matcher(text);
    while (label.find()) {
      labels.put(label.group(1), label.group(2));
    }
    return labels;
  }
}
