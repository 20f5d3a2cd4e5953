package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.statuspage.PublicIncident;
import dev.firebreak.workflows.statuspage.PublicIncidentRef;
import dev.firebreak.workflows.statuspage.PublicIncidentUpdate;
import dev.firebreak.workflows.statuspage.StatusPageActivities;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * The incident as customers read it on the organisation's public status page. It is opened when the
 * severity's policy names an impact, follows the incident (investigating until a mitigation is
 * recorded, then identified; monitoring once resolved; resolved when monitoring passed) and carries
 * the responders' updates. Posts run on their own lane, in order, so a slow or rate-limited status
 * page (Statuspage allows one call a second) never delays chat, pages or commands.
 */
final class PublicStatus {

  private static final Logger log = Workflow.getLogger(PublicStatus.class);

  static final String INVESTIGATING = "investigating";
  static final String IDENTIFIED = "identified";
  static final String MONITORING = "monitoring";
  static final String RESOLVED = "resolved";

  /**
   * The public status page's incident and the status last posted to it; both null while the
   * incident is not public.
   */
  public record State(PublicIncidentRef incident, String status) {
    static final State FRESH = new State(null, null);

    State withIncident(PublicIncidentRef opened) {
      return new State(opened, status);
    }

    State withStatus(String posted) {
      return new State(incident, posted);
    }
  }

  /**
   * One post, in the order customers must read them /** One post, in the order customers must read
   * them; {@code open} creates the incident.
   */
  private record Post(boolean open, String status, String body) {}

  private final StatusPageActivities statusPage =
      Workflow.newActivityStub(StatusPageActivities.class, ActivityPolicies.NOTIFY);
  private final Incident incident;
  private final IncidentPolicy policy;
  private final Supplier<Instant> clock;
  private final Consumer<Delivery> dryRuns;
  private final Deque<Post> queue = new ArrayDeque<>();

  /**
   * @param dryRuns where a dry-run delivery is recorded, as for every other provider
   */
  PublicStatus(
      Incident incident,
      IncidentPolicy policy,
      Supplier<Instant> clock,
      Consumer<Delivery> dryRuns) {
    this.incident = incident;
    this.policy = policy;
    this.clock = clock;
    this.dryRuns = dryRuns;
  }

  /** Opens the public incident if the current severity is public and none is open yet. */
  void openIfPublic() {
    if (incident.publicPage.status() != null || impact() == null) {
      return;
    }
    String status = statusNow();
    incident.publicPage = incident.publicPage.withStatus(status);
    queue.add(
        new Post(
            true,
            status,
            "We are investigating a problem with "
                + incident.declaration.service()
                + ": "
                + incident.declaration.title()
                + ". Next update within "
                + HumanDuration.of(policy.forSeverity(incident.severity()).updateInterval())
                + "."));
  }

  /** Posts a status change when the incident moved to a different public status. */
  void follow() {
    String posted = incident.publicPage.status();
    if (posted == null) {
      return;
    }
    String status = statusNow();
    if (!status.equals(posted)) {
      incident.publicPage = incident.publicPage.withStatus(status);
      queue.add(new Post(false, status, bodyFor(status)));
    }
  }

  /** Posts a responder's update under the current status. */
  void post(String text) {
    String posted = incident.publicPage.status();
    if (posted != null) {
      queue.add(new Post(false, posted, text));
    }
  }

  boolean isIdle() {
    return queue.isEmpty();
  }

  /** Delivers queued posts one at a time, in order; never blocks the main loop. */
  void deliver() {
    while (true) {
      Workflow.await(() -> !queue.isEmpty());
      Post post = queue.peekFirst();
      try {
        send(post);
      } catch (ActivityFailure failure) {
        incident.record(
            clock.get(),
            "status-page-failed",
            null,
            "Could not update the public status page ("
                + post.status()
                + "): "
                + RootCause.message(failure));
        log.error("{} status page post failed: {}", incident.id(), RootCause.message(failure));
      }
      queue.removeFirst();
    }
  }

  private void send(Post post) {
    String component = serviceComponent();
    String componentStatus = componentStatus(post.status());
    if (post.open()) {
      PublicIncidentRef ref =
          statusPage.open(
              new PublicIncident(
                  incident.id(),
                  incident.declaration.title(),
                  post.status(),
                  impact(),
                  post.body(),
                  component,
                  componentStatus));
      incident.publicPage = incident.publicPage.withIncident(ref);
      incident.record(
          clock.get(),
          "status-page",
          null,
          (ref.dryRun() ? "dry-run: " : "")
              + "Public status page incident opened ("
              + post.status()
              + ", impact "
              + impact()
              + ")");
      return;
    }
    PublicIncidentRef opened = incident.publicPage.incident();
    if (opened == null) {
      return; // opening failed and was recorded; there is nothing to update
    }
    Delivery delivery =
        statusPage.update(
            new PublicIncidentUpdate(
                incident.id(), opened, post.status(), post.body(), component, componentStatus));
    dryRuns.accept(delivery);
  }

  private String statusNow() {
    return switch (incident.status()) {
      case MONITORING -> MONITORING;
      case POST_MORTEM, CLOSED -> RESOLVED;
      default -> incident.lifecycle.mitigations().isEmpty() ? INVESTIGATING : IDENTIFIED;
    };
  }

  private static String bodyFor(String status) {
    return switch (status) {
      case IDENTIFIED -> "The issue has been identified and a fix is being implemented.";
      case MONITORING -> "A fix has been implemented and we are monitoring the results.";
      case RESOLVED -> "This incident has been resolved.";
      default -> "We are investigating this issue.";
    };
  }

  /**
   * The affected component shows the impact while people work on it and is operational again once
   * fixed.
   */
  private String componentStatus(String status) {
    if (status.equals(MONITORING) || status.equals(RESOLVED)) {
      return "operational";
    }
    String impact = impact();
    if (impact == null) {
      return null; // the severity was lowered to one that is not public: leave the component as it
      // is
    }
    return switch (impact) {
      case "critical" -> "major_outage";
      case "major" -> "partial_outage";
      case "minor" -> "degraded_performance";
      default -> null;
    };
  }

  private String impact() {
    return policy.forSeverity(incident.severity()).statusPageImpact();
  }

  private String serviceComponent() {
    return policy.services().stream()
        .filter(s -> s.name().equals(incident.declaration.service()))
        .map(ServiceTarget::statusPageComponent)
        .findFirst()
        .orElse(null);
  }
}
