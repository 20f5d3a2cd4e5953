package dev.firebreak.workflows.playbook;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.rollback.PlatformService;
import java.util.List;
import java.util.Map;

/**
 * What an action does, one record per kind. String fields may name a parameter as {@code {{name}}};
 * it is replaced by the validated value when the action runs, and nothing else in them is ever
 * expanded.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ActionStep.Env.class, name = "env"),
  @JsonSubTypes.Type(value = ActionStep.Restart.class, name = "restart"),
  @JsonSubTypes.Type(value = ActionStep.Scale.class, name = "scale"),
  @JsonSubTypes.Type(value = ActionStep.Redeploy.class, name = "redeploy"),
  @JsonSubTypes.Type(value = ActionStep.Rollback.class, name = "rollback"),
  @JsonSubTypes.Type(value = ActionStep.ReplayWebhooks.class, name = "replay-webhooks"),
  @JsonSubTypes.Type(value = ActionStep.RunJob.class, name = "job"),
  @JsonSubTypes.Type(value = ActionStep.Http.class, name = "http")
})
public sealed interface ActionStep {

  /** The name the config uses for this kind. */
  String kind();

  /**
   * Sets and unsets environment variables, then redeploys what is live so they take effect (the
   * circuit breaker, the maintenance-mode switch).
   */
  record Env(PlatformService service, Map<String, String> set, List<String> unset)
      implements ActionStep {
    public String kind() {
      return "env";
    }
  }

  record Restart(PlatformService service) implements ActionStep {
    public String kind() {
      return "restart";
    }
  }

  /**
   * @param instances a number, or a {@code {{parameter}}} holding one
   */
  record Scale(PlatformService service, String instances) implements ActionStep {
    public String kind() {
      return "scale";
    }
  }

  record Redeploy(PlatformService service) implements ActionStep {
    public String kind() {
      return "redeploy";
    }
  }

  /** Runs the rollback workflow for the configured service, to the previous good deploy. */
  record Rollback(String service) implements ActionStep {
    public String kind() {
      return "rollback";
    }
  }

  /**
   * Re-delivers failed webhook events through the configured webhook-retry job {@code job}.
   *
   * @param eventIds a {@code {{parameter}}} holding one or more event ids; null when by time range
   * @param timeRange a {@code {{parameter}}} holding a TIME_RANGE; null when by ids
   */
  record ReplayWebhooks(String job, String eventIds, String timeRange) implements ActionStep {
    public String kind() {
      return "replay-webhooks";
    }
  }

  /** Runs a configured job now, with the given parameters. */
  record RunJob(String job, Map<String, String> parameters) implements ActionStep {
    public String kind() {
      return "job";
    }
  }

  /** A configured HTTP call; {@code ${ENV}} in it comes from config only. */
  record Http(HttpAction call) implements ActionStep {
    public String kind() {
      return "http";
    }
  }
}
