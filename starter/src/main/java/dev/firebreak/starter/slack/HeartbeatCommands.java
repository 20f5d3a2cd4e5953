package dev.firebreak.starter.slack;

import dev.firebreak.starter.heartbeats.HeartbeatWorkflows;
import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.heartbeat.HeartbeatView;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /heartbeat [name]}: every configured heartbeat's state in one line each, or one
 * heartbeat's detail. Read-only, so anyone Firebreak knows in the workspace may ask; pausing stays
 * with the API and the CLI, where it is recorded under a token's name.
 */
final class HeartbeatCommands {

  static final String COMMAND = "/heartbeat";

  private final List<String> names;
  private final HeartbeatWorkflows workflows;

  /**
   * @param names the configured heartbeats, in the config's order
   */
  HeartbeatCommands(List<String> names, HeartbeatWorkflows workflows) {
    this.names = List.copyOf(names);
    this.workflows = workflows;
  }

  SlackReply run(String text) {
    String name = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (names.isEmpty()) {
      return SlackReply.toUser("No heartbeats are configured (`heartbeats:` in firebreak.yaml).");
    }
    if (name.isEmpty()) {
      StringBuilder reply = new StringBuilder("*Heartbeats*");
      for (String each : names) {
        reply.append("\n• ").append(line(each));
      }
      return SlackReply.toUser(reply.toString());
    }
    if (!names.contains(name)) {
      return SlackReply.toUser(
          "No heartbeat named `"
              + SlackMarkup.escape(name)
              + "`. Configured: "
              + String.join(", ", names.stream().map(n -> "`" + n + "`").toList())
              + ".");
    }
    return SlackReply.toUser(detail(name));
  }

  private String line(String name) {
    return read(name)
        .map(
            view ->
                "`"
                    + name
                    + "` "
                    + state(view)
                    + " · "
                    + SlackMarkup.escape(view.schedule())
                    + " · last success "
                    + (view.lastSuccessAt() == null ? "never" : view.lastSuccessAt())
                    + (view.incidentId() == null ? "" : " · " + view.incidentId()))
        .orElse("`" + name + "` not started yet (no worker has started it)");
  }

  private String detail(String name) {
    Optional<HeartbeatView> read = read(name);
    if (read.isEmpty()) {
      return "`" + name + "` is configured but not started yet: start a worker with this config.";
    }
    HeartbeatView view = read.get();
    StringBuilder reply =
        new StringBuilder("*Heartbeat `")
            .append(name)
            .append("`* ")
            .append(state(view))
            .append("\n• Schedule: ")
            .append(SlackMarkup.escape(view.schedule()))
            .append(", grace ")
            .append(HumanDuration.of(view.grace()))
            .append("\n• Expected at: ")
            .append(view.expectedAt() == null ? "n/a" : view.expectedAt())
            .append("\n• Last success: ")
            .append(view.lastSuccessAt() == null ? "never" : view.lastSuccessAt())
            .append("\n• Last failure: ")
            .append(view.lastFailureAt() == null ? "never" : view.lastFailureAt())
            .append("\n• Last run took ")
            .append(HumanDuration.of(view.lastDuration()));
    if (view.running()) {
      reply.append("\n• Running since ").append(view.runStartedAt());
    }
    if (view.incidentId() != null) {
      reply.append("\n• Incident: ").append(view.incidentId());
    }
    if (view.pausedBy() != null) {
      reply.append("\n• Paused by ").append(SlackMarkup.withMentions(view.pausedBy()));
    }
    return reply.toString();
  }

  private static String state(HeartbeatView view) {
    String emoji =
        switch (view.state()) {
          case UP -> "✅";
          case LATE -> "⏳";
          case DOWN -> "🔴";
          case PAUSED -> "⏸️";
          case NEW -> "🆕";
        };
    return emoji + " " + view.state().name().toLowerCase(Locale.ROOT);
  }

  /** The workflow's view; empty when it has not been started. */
  private Optional<HeartbeatView> read(String name) {
    try {
      return Optional.of(workflows.workflow(name).view());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "heartbeat " + name + " did not answer: " + RootCause.message(e), e);
    }
  }
}
