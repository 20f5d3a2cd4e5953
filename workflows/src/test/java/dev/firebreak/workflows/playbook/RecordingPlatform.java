package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.common.Delivery;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Workflow tests' hosting platform, idempotent like the real client: an environment variable that
 * already holds its value is not written again, and a redeploy finds a deploy created at or after
 * its {@code notBefore} instead of starting a second one. Deploys are live at once. The platform's
 * clock is the test server's (the attempt's scheduled time), as a real platform's clock is the
 * world's.
 */
public class RecordingPlatform implements PlatformActivities {

  /** One deploy the platform made. */
  public record Deploy(String ref, Instant createdAt) {}

  public final Map<String, String> variables = new ConcurrentHashMap<>();

  /** Every changeEnv call that wrote at least one variable, as it arrived. */
  public final List<EnvChange> envWrites = new CopyOnWriteArrayList<>();

  public final List<RedeployRequest> redeployCalls = new CopyOnWriteArrayList<>();
  public final List<Deploy> deploys = new CopyOnWriteArrayList<>();
  public final List<DeployWatch> watches = new CopyOnWriteArrayList<>();
  public final List<ScaleRequest> scales = new CopyOnWriteArrayList<>();

  /** While true the platform is not configured: every call is answered as the dry-run stand-in. */
  public volatile boolean dryRun;

  /** How many of the next calls fail as a 503 would (retryable) before doing anything. */
  public final AtomicInteger unavailable = new AtomicInteger();

  /** When set, every call is refused as a 401 would be (not retryable). */
  public volatile String refusal;

  /**
   * How many of the next redeploys start their deploy and then fail, as when the platform's answer
   * is lost on the way back (retryable).
   */
  public final AtomicInteger answersLost = new AtomicInteger();

  /**
   * When set, a redeploy that started a deploy waits for the latch and then fails, as when its
   * worker stops between the platform's answer and the report to Temporal.
   */
  public volatile CountDownLatch hangAfterDeploy;

  @Override
  public EnvChanged changeEnv(EnvChange change) {
    failIfScripted();
    List<String> names = new ArrayList<>(change.set().keySet().stream().sorted().toList());
    names.addAll(change.unset());
    if (dryRun) {
      return new EnvChanged(names, true, "dry-run: would set " + String.join(", ", names));
    }
    List<String> written = new ArrayList<>();
    change
        .set()
        .forEach(
            (name, value) -> {
              if (!value.equals(variables.put(name, value))) {
                written.add(name);
              }
            });
    change.unset().stream().filter(name -> variables.remove(name) != null).forEach(written::add);
    written.sort(String::compareTo);
    if (!written.isEmpty()) {
      envWrites.add(change);
    }
    return new EnvChanged(
        written,
        false,
        written.isEmpty()
            ? "Nothing to change on " + change.service().service()
            : "Changed " + String.join(", ", written) + " of " + change.service().service());
  }

  @Override
  public DeployStarted redeploy(RedeployRequest request) {
    failIfScripted();
    redeployCalls.add(request);
    if (dryRun) {
      return new DeployStarted("dry-run", false, true, "dry-run: would redeploy");
    }
    Deploy own =
        deploys.stream()
            .filter(d -> !d.createdAt().isBefore(request.notBefore()))
            .findFirst()
            .orElse(null);
    if (own != null) {
      return new DeployStarted(own.ref(), true, false, "Adopted deploy " + own.ref());
    }
    Deploy created = new Deploy("dpl-" + (deploys.size() + 1), platformNow());
    deploys.add(created);
    CountDownLatch hang = hangAfterDeploy;
    if (hang != null) {
      try {
        hang.await();
      } catch (InterruptedException workerStopped) {
        Thread.currentThread().interrupt();
      }
      throw ApplicationFailure.newFailure("the worker stopped before answering", "WorkerStopped");
    }
    if (answersLost.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw ApplicationFailure.newFailure("connection reset reading the answer", "AnswerLost");
    }
    return new DeployStarted(created.ref(), false, false, "Started deploy " + created.ref());
  }

  @Override
  public Delivery awaitDeployLive(DeployWatch watch) {
    failIfScripted();
    watches.add(watch);
    return dryRun
        ? Delivery.dryRun("dry-run: counted as live at once")
        : Delivery.sent(watch.deployRef() + " is live");
  }

  @Override
  public Delivery scale(ScaleRequest request) {
    failIfScripted();
    if (dryRun) {
      return Delivery.dryRun("dry-run: would scale to " + request.instances());
    }
    scales.add(request);
    return Delivery.sent("Scaled " + request.service().service() + " to " + request.instances());
  }

  private void failIfScripted() {
    if (refusal != null) {
      throw ApplicationFailure.newNonRetryableFailure(refusal, "ProviderRejected");
    }
    if (unavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw ApplicationFailure.newFailure("Vercel answered HTTP 503", "ProviderUnavailable");
    }
  }

  private static Instant platformNow() {
    return Instant.ofEpochMilli(
        Activity.getExecutionContext().getInfo().getCurrentAttemptScheduledTimestamp());
  }
}
