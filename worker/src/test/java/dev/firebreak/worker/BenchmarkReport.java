package dev.firebreak.worker;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What every benchmark reports the same way: the machine it ran on (the load average says whether
 * its figures are pessimistic), percentiles, and the report file under {@code target/benchmark/}.
 */
final class BenchmarkReport {

  private final String file;
  private final List<String> lines = new ArrayList<>();

  /**
   * @param file the report's name in {@code target/benchmark/}, e.g. {@code incident-benchmark.md}
   *     ({@code incident-benchmark-cli.md} on the real server)
   */
  BenchmarkReport(String file) {
    // The two layouts keep their own reports, so a run on one does not overwrite the other's.
    this.file = BenchmarkStack.onCli() ? file.replace(".md", "-cli.md") : file;
    lines.add(machine());
  }

  void add(String line) {
    lines.add(line);
  }

  /** Writes the report and prints it. */
  void write() throws IOException {
    Path out = Path.of("target/benchmark", file);
    Files.createDirectories(out.getParent());
    Files.write(out, lines);
    lines.forEach(System.out::println);
  }

  static String machine() {
    return "Machine: "
        + Runtime.getRuntime().availableProcessors()
        + " cores, JDK "
        + System.getProperty("java.version")
        + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20)
        + " MiB, load average "
        + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
        + "; Temporal: "
        + BenchmarkStack.describeChoice();
  }

  /** The p-th percentile of values sorted ascending (nearest rank); 0 when there are none. */
  static double percentile(List<Double> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /** {@code p50 … ms, p90 … ms, p99 … ms, max … ms} of unsorted values. */
  static String summary(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format(
        "p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms",
        percentile(sorted, 50),
        percentile(sorted, 90),
        percentile(sorted, 99),
        sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
  }

  /**
   * CPU seconds (user + system) a process has used so far, from Linux's /proc; -1 without it. The
   * difference across a measurement says which process the time went to: the server, the worker,
   * the API or the load generator.
   */
  static double cpuSeconds(String pid) throws IOException {
    Path stat = Path.of("/proc", pid, "stat");
    if (!Files.exists(stat)) {
      return -1;
    }
    return cpuTicks(stat) / (double) CLOCK_TICKS;
  }

  /** utime + stime of a process's or thread's {@code stat} file. */
  private static long cpuTicks(Path stat) throws IOException {
    String text = Files.readString(stat);
    // The fields after the command's closing parenthesis; utime and stime are the 14th and 15th
    // overall.
    String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /**
   * CPU seconds a JVM's live JIT compiler threads have used so far, from Linux's /proc; -1 without
   * it. The JVM stops compiler threads it no longer needs, and their time goes with them. A worker
   * in its first minutes spends more of its CPU compiling than running workflows, and on a
   * saturated machine that CPU is taken from the server the latency waits for.
   */
  static double jitCpuSeconds(String pid) throws IOException {
    Path tasks = Path.of("/proc", pid, "task");
    if (!Files.isDirectory(tasks)) {
      return -1;
    }
    long ticks = 0;
    try (var threads = Files.list(tasks)) {
      for (Path thread : threads.toList()) {
        try {
          String name = Files.readString(thread.resolve("comm")).strip();
          if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            ticks += cpuTicks(thread.resolve("stat"));
          }
        } catch (NoSuchFileException exited) {
          // a compiler thread the JVM stopped while we listed them: its time is gone with it
        }
      }
    }
    return ticks / (double) CLOCK_TICKS;
  }

  /**
   * Linux's USER_HZ, the unit of /proc's CPU times, is 100 on every architecture Firebreak runs on.
   */
  private static final int CLOCK_TICKS = 100;

  /**
   * The resident memory (heap, thread stacks, code, everything) of a process, from Linux's /proc.
   */
  static String residentSet(String pid) throws IOException {
    Path status = Path.of("/proc", pid, "status");
    if (!Files.exists(status)) {
      return "unknown (no /proc)";
    }
    return Files.readAllLines(status).stream()
        .filter(line -> line.startsWith("VmRSS:"))
        .map(line -> line.substring("VmRSS:".length()).trim())
        .findFirst()
        .orElse("unknown");
  }
}
