package dev.firebreak.workflows.common;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.CapableOf;
import com.uber.m3.tally.StatsReporter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Keeps what workflows reported through their metrics scope, as Prometheus would see it: keyed by
 * the metric's name followed by the values of the given tags, in order (a missing tag adds
 * nothing).
 */
public final class ReportedMetrics implements StatsReporter {
  public final Map<String, Long> counters = new ConcurrentHashMap<>();
  public final Map<String, List<Duration>> timers = new ConcurrentHashMap<>();
  private final List<String> keyTags;

  /**
   * @param keyTags the tags whose values tell series apart, such as {@code severity} and {@code
   *     cause}
   */
  public ReportedMetrics(String... keyTags) {
    this.keyTags = List.of(keyTags);
  }

  private String key(String name, Map<String, String> tags) {
    StringBuilder key = new StringBuilder(name);
    keyTags.forEach(tag -> key.append(tags.getOrDefault(tag, "")));
    return key.toString();
  }

  @Override
  public void reportCounter(String name, Map<String, String> tags, long value) {
    counters.merge(key(name, tags), value, Long::sum);
  }

  @Override
  public void reportTimer(
      String name, Map<String, String> tags, com.uber.m3.util.Duration interval) {
    timers.merge(
        key(name, tags),
        List.of(Duration.ofNanos(interval.getNanos())),
        (a, b) -> Stream.concat(a.stream(), b.stream()).toList());
  }

  @Override
  public void reportGauge(String name, Map<String, String> tags, double value) {}

  // The reporter interface itself still names tally's raw, deprecated Buckets type: an
  // implementation cannot choose another signature.
  @SuppressWarnings({"rawtypes", "deprecation"})
  @Override
  public void reportHistogramValueSamples(
      String name,
      Map<String, String> tags,
      Buckets buckets,
      double lower,
      double upper,
      long samples) {}

  @SuppressWarnings({"rawtypes", "deprecation"})
  @Override
  public void reportHistogramDurationSamples(
      String name,
      Map<String, String> tags,
      Buckets buckets,
      com.uber.m3.util.Duration lower,
      com.uber.m3.util.Duration upper,
      long samples) {}

  @Override
  public Capabilities capabilities() {
    return CapableOf.REPORTING;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
