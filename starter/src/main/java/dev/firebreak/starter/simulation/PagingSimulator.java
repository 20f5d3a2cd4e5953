package dev.firebreak.starter.simulation;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.starter.config.OnCallSpecs;
import dev.firebreak.starter.config.PlaybookSpecFactory;
import dev.firebreak.starter.incidents.IncidentStarts;
import dev.firebreak.starter.oncall.OnCallLookup;
import dev.firebreak.starter.oncall.OnCallSchedules;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.Acknowledgement;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.IncidentInput;
import dev.firebreak.workflows.incident.IncidentPolicy;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.incident.TimelineEntry;
import dev.firebreak.workflows.oncall.BusinessHours;
import dev.firebreak.workflows.oncall.OnCallPaging;
import dev.firebreak.workflows.oncall.ScheduleSpec;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Runs the production incident workflow on an in-process time-skipping test server, declared the
 * way a real declaration is ({@link IncidentStarts}), with a pager that only records and on-call
 * answers from the config's schedules, so what it shows is what will happen. One server per
 * simulation, closed in the background once the answer is ready; a simulated day takes about half a
 * second in a warm JVM.
 */
public final class PagingSimulator {

  /**
   * The longest stretch simulated: a day of escalation covers every realistic chain. A page
   * deferred past it (to business hours) does not show.
   */
  public static final Duration HORIZON = Duration.ofHours(24);

  /** How much simulated time passes between looks at whether the escalation has ended. */
  private static final Duration STEP = Duration.ofHours(1);

  /**
   * The acknowledgement arrives this long before its moment, so a level due at the same instant is
   * not paged: acknowledging "within 15 minutes" beats a 15-minute wait.
   */
  private static final Duration ACK_LEAD = Duration.ofSeconds(1);

  /** Time cannot pass while an activity runs, so this much more lets the last pages finish. */
  private static final Duration SETTLE = Duration.ofSeconds(1);

  static final String INCIDENT_ID = "SIM-1";
  static final String RESPONDER = "simulated responder";

  private final FirebreakConfig config;
  private final PlaybookSpecFactory playbooks;
  private final List<ScheduleSpec> schedules;

  public PagingSimulator(FirebreakConfig config) {
    this.config = config;
    this.playbooks = new PlaybookSpecFactory(config);
    this.schedules = OnCallSpecs.schedules(config.oncall());
  }

  public Simulation run(SimulationRequest request) {
    Instant at = request.at().toInstant();
    // The policy is the one a declaration at that moment gets, holidays included.
    IncidentStarts starts =
        new IncidentStarts(
            new IncidentPolicyFactory(config, false, Clock.fixed(at, ZoneOffset.UTC)), playbooks);
    Declaration declaration =
        new Declaration(
            INCIDENT_ID,
            "Simulated " + request.severity() + " on " + request.service(),
            request.severity(),
            request.service(),
            "A paging simulation: nobody is paged.",
            null,
            RESPONDER,
            at);
    IncidentInput input = starts.input(declaration, null);
    RecordedPages pages = new RecordedPages();
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(at).build());
    try {
      RecordedOnCall oncall =
          new RecordedOnCall(
              new OnCallLookup(
                  new OnCallSchedules(env.getWorkflowClient(), TaskQueue.NAME, schedules)));
      Worker worker = env.newWorker(TaskQueue.NAME);
      worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class);
      QuietProviders providers = new QuietProviders();
      worker.registerActivitiesImplementations(pages, new OnCallPaging(oncall, pages), providers);
      env.start();
      IncidentWorkflow incident =
          env.getWorkflowClient()
              .newWorkflowStub(IncidentWorkflow.class, starts.options(declaration, input, null));
      WorkflowClient.start(incident::run, input);
      IncidentPolicy policy = input.policy();
      Duration horizon = deferral(policy, request.severity(), at).plus(HORIZON);
      List<TimelineEntry> timeline = play(env, incident, providers, request.ackAfter(), horizon);
      return new SimulationReport(
              request, policy.escalation(), policy.escalationRounds(), pages, oncall, horizon)
          .of(timeline);
    } finally {
      // Shutting the test server down takes a few hundred milliseconds that nobody waits for: the
      // answer is ready.
      Thread closing = new Thread(env::close, "simulation-close");
      closing.setDaemon(true);
      closing.start();
    }
  }

  /**
   * How long a business-hours-only severity declared at {@code at} waits before its first page; the
   * simulation runs its horizon from then, so a P4 at 03:00 on Saturday shows Monday's pages.
   */
  private static Duration deferral(IncidentPolicy policy, Severity severity, Instant at) {
    BusinessHours hours = policy.forSeverity(severity).businessHours();
    return hours == null ? Duration.ZERO : Duration.between(at, hours.nextBusinessInstant(at));
  }

  /**
   * Lets simulated time pass until the escalation is over (exhausted, or the severity pages nobody)
   * or the horizon, acknowledging at {@code ackAfter}; returns the incident's timeline.
   */
  private static List<TimelineEntry> play(
      TestWorkflowEnvironment env,
      IncidentWorkflow incident,
      QuietProviders providers,
      Duration ackAfter,
      Duration horizon) {
    Duration until = ackAfter == null ? horizon : ackAfter.minus(ACK_LEAD);
    Duration passed = Duration.ZERO;
    boolean over = false;
    while (!over && passed.compareTo(until) < 0) {
      Duration step = until.minus(passed).compareTo(STEP) < 0 ? until.minus(passed) : STEP;
      env.sleep(step);
      // A severity that pages nobody says so at the declaration; after that, the channel hears
      // when the chain is exhausted, so the timeline is asked for once.
      over =
          providers.escalationExhausted()
              || passed.isZero() && SimulationReport.escalationOver(incident.timeline());
      passed = passed.plus(step);
    }
    if (ackAfter != null && !over) {
      incident.acknowledge(new Acknowledgement(RESPONDER));
    }
    env.sleep(SETTLE);
    return incident.timeline();
  }
}
