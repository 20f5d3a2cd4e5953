package dev.firebreak.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One production process ({@code ./firebreak worker} or {@code api}) started as its own OS process
 * from the test classpath, so no jar is needed in the test phase: the JVM of the test, the role's
 * arguments, only the environment given (plus {@code PATH}, {@code HOME} and the locale), and its
 * output appended to a log file that survives restarts. {@link #kill()} is {@code kill -9},
 * descendants first; {@link #start()} after it runs the same command again.
 */
final class FirebreakOsProcess implements AutoCloseable {

  /**
   * Small and quick to start: two of these share a loaded two-core machine with the test and the
   * server.
   */
  static final List<String> TEST_JVM_OPTIONS =
      List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final List<String> jvmOptions;
  private final String mainClass;
  private final String role;
  private final List<String> arguments;
  private final Map<String, String> env;
  private final Path log;
  private Process process;
  private int starts;

  /**
   * @param role {@code worker} or {@code api}
   * @param arguments after the role, e.g. {@code --config FILE --port N}
   * @param env the process's whole environment but {@code PATH}, {@code HOME} and the locale
   * @param log where its standard output and error go, appended across restarts
   */
  FirebreakOsProcess(String role, List<String> arguments, Map<String, String> env, Path log) {
    this(TEST_JVM_OPTIONS, Firebreak.class.getName(), role, arguments, env, log);
  }

  /**
   * @param jvmOptions the JVM's options, e.g. a benchmark's production-like heap and full JIT
   * @param mainClass the class whose {@code main} runs, with the role as its first argument
   */
  FirebreakOsProcess(
      List<String> jvmOptions,
      String mainClass,
      String role,
      List<String> arguments,
      Map<String, String> env,
      Path log) {
    this.jvmOptions = List.copyOf(jvmOptions);
    this.mainClass = mainClass;
    this.role = role;
    this.arguments = List.copyOf(arguments);
    this.env = Map.copyOf(env);
    this.log = log;
  }

  /** Starts the process (again, after {@link #kill()}). */
  synchronized FirebreakOsProcess start() {
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass, role));
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().keySet().retainAll(List.of("PATH", "HOME", "LANG", "LC_ALL"));
    builder.environment().putAll(env);
    try {
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          "==== start " + ++starts + " of " + role + " " + arguments + "\n",
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** {@code kill -9}: no shutdown hook runs, nothing is flushed or closed, as in a crash. */
  synchronized void kill() {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(
            role + " did not die after kill -9 (pid " + process.pid() + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /** The running process's id, for what Linux's /proc says about it. */
  synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException(role + " is not running");
    }
    return process.pid();
  }

  synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The process's output so far, every start of it. */
  String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path log() {
    return log;
  }

  @Override
  public void close() {
    kill();
  }
}
