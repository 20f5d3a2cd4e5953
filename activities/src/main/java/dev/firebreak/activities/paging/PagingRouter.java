package dev.firebreak.activities.paging;

import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.PageFollowUp;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a page is split by target scheme ({@code slack:}, {@code pagerduty:}, {@code sms:},
 * {@code email:}) and handed to that scheme's pager.
 *
 * <p>A target nobody can reach (unknown scheme, provider not configured, number rejected) is named
 * as a failure in the returned delivery and the other targets are still paged: one bad address must
 * not keep the rest of the level asleep. A transient failure is thrown, so Temporal retries; what
 * was already sent by SMS, call or mail is remembered in the attempt's heartbeat details and not
 * sent again, because those have no idempotency key of their own. Slack and PagerDuty do (the
 * page's key), so a retry asks them again.
 */
public final class PagingRouter implements PagingActivities {

  private static final Logger log = LoggerFactory.getLogger(PagingRouter.class);

  private final Map<String, Route> routes;

  /**
   * @param routes by scheme, without the colon
   */
  public PagingRouter(Map<String, Route> routes) {
    this.routes = Map.copyOf(routes);
  }

  /**
   * How a scheme is paged.
   *
   * @param onePerTarget page each target in a call of its own, for providers without idempotency
   * @param keepsIncident the provider keeps an incident of its own that acknowledge and resolve
   *     must follow
   */
  public record Route(PagingActivities pager, boolean onePerTarget, boolean keepsIncident) {

    /** One call for all the scheme's targets (Slack: one message mentioning everybody). */
    public static Route grouped(PagingActivities pager) {
      return new Route(pager, false, false);
    }

    public static Route onePerTarget(PagingActivities pager) {
      return new Route(pager, true, false);
    }

    /** Grouped, and told when the incident is acknowledged and resolved (PagerDuty). */
    public static Route withIncident(PagingActivities pager) {
      return new Route(pager, false, true);
    }
  }

  /** What earlier attempts of this activity delivered, by unit; kept in heartbeat details. */
  public record Progress(Map<String, Delivery> delivered) {}

  @Override
  public Delivery page(PageRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    Map<String, Delivery> delivered =
        new LinkedHashMap<>(
            context.getHeartbeatDetails(Progress.class).map(Progress::delivered).orElse(Map.of()));
    List<Delivery> outcomes = new ArrayList<>();
    for (Map.Entry<String, List<String>> unit : units(request.targets()).entrySet()) {
      Delivery outcome = delivered.get(unit.getKey());
      if (outcome == null) {
        String scheme = scheme(unit.getValue().get(0));
        outcome = pageUnit(request, scheme, unit.getValue());
        delivered.put(unit.getKey(), outcome);
        Route route = routes.get(scheme);
        // A provider that dedups by the page's key is simply asked again by a retry; remembering
        // it would cost every page a heartbeat request to the Temporal server.
        if (route != null && route.onePerTarget()) {
          context.heartbeat(new Progress(delivered));
        }
      }
      outcomes.add(outcome);
    }
    return combine(outcomes);
  }

  @Override
  public Delivery acknowledged(PageFollowUp followUp) {
    return followUp(followUp, PagingActivities::acknowledged);
  }

  @Override
  public Delivery resolved(PageFollowUp followUp) {
    return followUp(followUp, PagingActivities::resolved);
  }

  private Delivery pageUnit(PageRequest request, String scheme, List<String> targets) {
    Route route = routes.get(scheme);
    if (route == null) {
      return notPaged(request.incidentId(), targets, "no " + scheme + " provider is configured");
    }
    try {
      return route.pager().page(request.withTargets(targets));
    } catch (ApplicationFailure failure) {
      if (!failure.isNonRetryable()) {
        throw failure;
      }
      return notPaged(request.incidentId(), targets, failure.getOriginalMessage());
    }
  }

  private Delivery followUp(
      PageFollowUp followUp, BiFunction<PagingActivities, PageFollowUp, Delivery> action) {
    List<Delivery> outcomes = new ArrayList<>();
    bySchemeInOrder(followUp.targets())
        .forEach(
            (scheme, targets) -> {
              Route route = routes.get(scheme);
              if (route != null && route.keepsIncident()) {
                outcomes.add(
                    action.apply(
                        route.pager(),
                        new PageFollowUp(followUp.incidentId(), followUp.by(), targets)));
              }
            });
    return outcomes.isEmpty()
        ? Delivery.sent("no paging provider keeps an incident to update")
        : combine(outcomes);
  }

  /** Units of work, keyed so a retry recognises what it already did. */
  private Map<String, List<String>> units(List<String> targets) {
    Map<String, List<String>> units = new LinkedHashMap<>();
    bySchemeInOrder(targets)
        .forEach(
            (scheme, schemeTargets) -> {
              Route route = routes.get(scheme);
              if (route != null && route.onePerTarget()) {
                schemeTargets.forEach(target -> units.put(target, List.of(target)));
              } else {
                units.put(scheme + ":*", schemeTargets);
              }
            });
    return units;
  }

  private static Map<String, List<String>> bySchemeInOrder(List<String> targets) {
    Map<String, List<String>> byScheme = new LinkedHashMap<>();
    for (String target : targets) {
      byScheme.computeIfAbsent(scheme(target), s -> new ArrayList<>()).add(target);
    }
    return byScheme;
  }

  private static String scheme(String target) {
    int colon = target.indexOf(':');
    return colon < 0 ? target : target.substring(0, colon);
  }

  private static Delivery notPaged(String incidentId, List<String> targets, String why) {
    log.warn("{} NOT paged {}: {}", incidentId, targets, why);
    return Delivery.sent("NOT paged " + String.join(", ", targets) + ": " + why);
  }

  /**
   * Dry-run only when every part was; otherwise something real happened and must be shown as such.
   */
  private static Delivery combine(List<Delivery> outcomes) {
    boolean allDryRun = !outcomes.isEmpty() && outcomes.stream().allMatch(Delivery::dryRun);
    return new Delivery(
        allDryRun, String.join("; ", outcomes.stream().map(Delivery::detail).toList()));
  }
}
