package dev.firebreak.starter.heartbeats;

import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.TemporalDeadlines;
import dev.firebreak.workflows.heartbeat.HeartbeatCommand;
import dev.firebreak.workflows.heartbeat.HeartbeatSpec;
import dev.firebreak.workflows.heartbeat.HeartbeatState;
import dev.firebreak.workflows.heartbeat.HeartbeatView;
import dev.firebreak.workflows.heartbeat.HeartbeatWorkflow;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the API asks of the heartbeat workflows: views (queries) and pause and resume (updates). The
 * config is the list: a heartbeat whose workflow is not running yet shows its configuration, state
 * new.
 */
public final class HeartbeatGateway {

  private static final Logger log = LoggerFactory.getLogger(HeartbeatGateway.class);

  /** The commands a person can give a heartbeat, by the last segment of their path. */
  public enum Verb {
    PAUSE(HeartbeatWorkflow::pause),
    RESUME(HeartbeatWorkflow::resume);

    final BiFunction<HeartbeatWorkflow, HeartbeatCommand, HeartbeatView> send;

    Verb(BiFunction<HeartbeatWorkflow, HeartbeatCommand, HeartbeatView> send) {
      this.send = send;
    }

    public String path() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final HeartbeatPings pings;
  private final HeartbeatWorkflows workflows;
  private final TemporalDeadlines deadlines;

  public HeartbeatGateway(
      HeartbeatPings pings, HeartbeatWorkflows workflows, TemporalDeadlines deadlines) {
    this.pings = pings;
    this.workflows = workflows;
    this.deadlines = deadlines;
  }

  public HeartbeatPings pings() {
    return pings;
  }

  public List<HeartbeatRow> list() {
    return deadlines.readEach(
        pings.specs(),
        spec -> row(view(spec), null),
        (spec, why) -> row(configuredOnly(spec), "Its state " + why + "; GET it to see it."));
  }

  public HeartbeatRow view(String name) {
    HeartbeatSpec spec = configured(name);
    return row(
        deadlines.within(
            deadlines.read(),
            () -> view(spec),
            limit ->
                TemporalDeadlines.notAnswering(
                    "Heartbeat '" + name + "'", limit, "Nothing changed.")),
        null);
  }

  public HeartbeatRow command(String name, Verb verb, HeartbeatCommand command) {
    configured(name);
    try {
      HeartbeatView view =
          deadlines.within(
              deadlines.command(),
              () -> verb.send.apply(workflows.workflow(name), command),
              limit ->
                  TemporalDeadlines.notAnswering(
                      "Heartbeat '" + name + "'",
                      limit,
                      "The command may still be applied; check the heartbeat before retrying."));
      // Its pings must reach the workflow again: a pause or a resume changed what they mean.
      pings.coalescer().forget(name);
      log.info("heartbeat {}: {} by {}", name, verb.path(), command.by());
      return row(view, null);
    } catch (WorkflowNotFoundException e) {
      throw new Refusal(
          409,
          "not_started",
          "Heartbeat '"
              + name
              + "' is configured but not started yet; start a worker with this config.");
    }
  }

  public HeartbeatSpec configured(String name) {
    return pings
        .spec(name)
        .orElseThrow(
            () -> Refusal.notFound("No heartbeat named '" + name + "' in the configuration."));
  }

  private HeartbeatView view(HeartbeatSpec spec) {
    try {
      return workflows.workflow(spec.name()).view();
    } catch (WorkflowNotFoundException e) {
      return configuredOnly(spec);
    }
  }

  private HeartbeatRow row(HeartbeatView view, String unread) {
    PingCoalescer.Absorbed absorbed = pings.coalescer().absorbed(view.name()).orElse(null);
    return new HeartbeatRow(
        view,
        absorbed == null ? 0 : absorbed.count(),
        absorbed == null ? null : absorbed.lastAt(),
        unread);
  }

  private static HeartbeatView configuredOnly(HeartbeatSpec spec) {
    return new HeartbeatView(
        spec.name(),
        spec.schedule(),
        spec.grace(),
        spec.maxRunTime(),
        spec.service(),
        spec.severity().name(),
        HeartbeatState.NEW,
        null,
        false,
        null,
        null,
        null,
        null,
        null,
        null,
        0,
        0,
        0,
        List.of());
  }
}
