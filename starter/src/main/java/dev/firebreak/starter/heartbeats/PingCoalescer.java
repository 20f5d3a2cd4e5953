package dev.firebreak.starter.heartbeats;

import dev.firebreak.workflows.heartbeat.HeartbeatClock;
import dev.firebreak.workflows.heartbeat.HeartbeatPing;
import dev.firebreak.workflows.heartbeat.HeartbeatSpec;
import dev.firebreak.workflows.heartbeat.PingKind;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps pings that change nothing out of the workflow's history: on Temporal Cloud every signal is
 * billed, and a job pinging every minute against an hourly heartbeat would pay 60 times for one
 * fact. Only a plain success can be absorbed, and only when this process passed on a success
 * recently enough that the new one moves the expected time by no more than {@link
 * HeartbeatClock#coalescingTolerance} and the expected time has not come yet. Everything else
 * (start, fail, log, a run id, the first ping after a restart or a pause) reaches the workflow.
 * What is absorbed is counted and travels with the next signal, so the counts stay whole; a restart
 * forgets only absorbed pings, which by construction changed nothing.
 */
public final class PingCoalescer {

  /** The last success this process passed on, and what it absorbed since. */
  public record Absorbed(Instant signalledAt, int count, Instant lastAt) {}

  private final Map<String, Absorbed> bySpec = new ConcurrentHashMap<>();

  /**
   * The ping to signal, carrying the count absorbed before it; empty when it is absorbed. One
   * heartbeat's pings are decided one at a time, so two racing pings cannot both be absorbed
   * against a stale entry.
   */
  public Optional<HeartbeatPing> admit(
      HeartbeatSpec spec, HeartbeatClock clock, HeartbeatPing ping) {
    HeartbeatPing[] out = new HeartbeatPing[1];
    bySpec.compute(
        spec.name(),
        (name, last) -> {
          boolean plainSuccess = ping.kind() == PingKind.SUCCESS && ping.runId() == null;
          if (plainSuccess
              && last != null
              && !clock.successMatters(last.signalledAt(), ping.at())) {
            return new Absorbed(last.signalledAt(), last.count() + 1, ping.at());
          }
          int absorbed = last == null ? 0 : last.count();
          out[0] =
              new HeartbeatPing(
                  ping.kind(),
                  ping.exitStatus(),
                  ping.runId(),
                  ping.at(),
                  ping.body(),
                  ping.source(),
                  absorbed);
          // Only a plain success is a baseline to absorb against: after a start the run must
          // close, after a failure the next success must resolve.
          return plainSuccess ? new Absorbed(ping.at(), 0, null) : null;
        });
    return Optional.ofNullable(out[0]);
  }

  /** The signal failed: forget the baseline, so the next ping goes through. */
  public void forget(String name) {
    bySpec.remove(name);
  }

  /** What this process absorbed for the heartbeat since its last signal, if anything. */
  public Optional<Absorbed> absorbed(String name) {
    return Optional.ofNullable(bySpec.get(name)).filter(a -> a.count() > 0);
  }
}
