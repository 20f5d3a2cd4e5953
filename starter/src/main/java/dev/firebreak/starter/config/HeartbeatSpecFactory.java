package dev.firebreak.starter.config;

import dev.firebreak.workflows.heartbeat.HeartbeatSpec;
import dev.firebreak.workflows.incident.Severity;
import java.util.List;

/** Turns the validated {@code heartbeats} list into what the heartbeat workflows run by. */
public final class HeartbeatSpecFactory {

  private final FirebreakConfig config;
  private final IncidentPolicyFactory incidents;

  public HeartbeatSpecFactory(FirebreakConfig config, IncidentPolicyFactory incidents) {
    this.config = config;
    this.incidents = incidents;
  }

  public List<HeartbeatSpec> specs() {
    return config.heartbeats().stream().map(this::spec).toList();
  }

  public HeartbeatSpec spec(HeartbeatConfig heartbeat) {
    String service =
        heartbeat.service() != null ? heartbeat.service() : config.services().get(0).name();
    return new HeartbeatSpec(
        heartbeat.name(),
        heartbeat.period() == null ? null : DurationText.require(heartbeat.period()),
        heartbeat.cron(),
        heartbeat.timeZone(),
        DurationText.require(heartbeat.grace()),
        heartbeat.maxRunTime() == null ? null : DurationText.require(heartbeat.maxRunTime()),
        service,
        Severity.valueOf(heartbeat.severity()),
        incidents.forService(service));
  }
}
