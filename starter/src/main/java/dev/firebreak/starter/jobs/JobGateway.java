package dev.firebreak.starter.jobs;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.JobConfig;
import dev.firebreak.starter.config.JobSpecFactory;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.TemporalDeadlines;
import dev.firebreak.workflows.job.JobCommand;
import dev.firebreak.workflows.job.JobView;
import dev.firebreak.workflows.job.JobWorkflow;
import dev.firebreak.workflows.playbook.ActionParameters;
import dev.firebreak.workflows.playbook.InvalidParameters;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the API asks of the job workflows: each configured job's view (a query on {@code
 * job-<name>}) and the commands run now, pause and resume (updates). The config is the list of
 * jobs: a job workflow left behind by a removed job is not shown, and a configured job whose
 * workflow is not running (the worker has not reconciled yet) shows its configuration and no runs.
 */
public final class JobGateway {

  private static final Logger log = LoggerFactory.getLogger(JobGateway.class);

  /** The commands a person can give a job, by the last segment of their path. */
  public enum Verb {
    RUN(JobWorkflow::runNow),
    PAUSE(JobWorkflow::pause),
    RESUME(JobWorkflow::resume);

    final BiFunction<JobWorkflow, JobCommand, JobView> send;

    Verb(BiFunction<JobWorkflow, JobCommand, JobView> send) {
      this.send = send;
    }

    /** The last segment of the command's path, such as {@code pause}. */
    public String path() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final WorkflowClient client;
  private final FirebreakConfig config;
  private final TemporalDeadlines deadlines;

  public JobGateway(WorkflowClient client, FirebreakConfig config, TemporalDeadlines deadlines) {
    this.client = client;
    this.config = config;
    this.deadlines = deadlines;
  }

  /**
   * Every job at once, each under the per-row limit: a job that does not answer shows its
   * configuration and why.
   */
  public List<JobRow> list() {
    return deadlines.readEach(
        config.jobs(),
        job -> new JobRow(view(job), null),
        (job, why) ->
            new JobRow(configuredOnly(job), "Its runs " + why + "; GET the job to see them."));
  }

  public JobView view(String name) {
    JobConfig job = configured(name);
    return deadlines.within(
        deadlines.read(), () -> view(job), limit -> notAnswering(name, limit, "Nothing changed."));
  }

  public JobView command(String name, Verb verb, JobCommand command) {
    JobConfig job = configured(name);
    checkParameters(job, verb, command);
    try {
      JobView view =
          deadlines.within(
              deadlines.command(),
              () -> verb.send.apply(workflow(name), command),
              limit ->
                  notAnswering(
                      name,
                      limit,
                      "The command may still be applied; check the job before retrying."));
      log.info("job {}: {} by {}", name, verb.path(), command.by());
      return view;
    } catch (WorkflowNotFoundException e) {
      throw notScheduled(name);
    }
  }

  /**
   * Refuses parameters before they reach the job, with the same sentences the job's own check would
   * give: a run now's against the job's declared ones, any for pause and resume.
   */
  private static void checkParameters(JobConfig job, Verb verb, JobCommand command) {
    if (verb != Verb.RUN) {
      if (!command.parameters().isEmpty()) {
        throw Refusal.badRequest("Only a run takes parameters; " + verb.path() + " takes none.");
      }
      return;
    }
    try {
      ActionParameters.validate(JobSpecFactory.parameters(job), command.parameters());
    } catch (InvalidParameters invalid) {
      throw new Refusal(422, "invalid_parameters", invalid.getMessage());
    }
  }

  private JobView view(JobConfig job) {
    try {
      return workflow(job.name()).view();
    } catch (WorkflowNotFoundException e) {
      return configuredOnly(job);
    }
  }

  private static JobView configuredOnly(JobConfig job) {
    return new JobView(
        job.name(),
        job.schedule(),
        job.timeZone(),
        job.action().kind(),
        job.dryRun(),
        false,
        null,
        false,
        0,
        0,
        null,
        null,
        null,
        List.of(),
        null);
  }

  private static Refusal notAnswering(String name, String limit, String consequence) {
    return TemporalDeadlines.notAnswering("Job '" + name + "'", limit, consequence);
  }

  private JobConfig configured(String name) {
    return config.jobs().stream()
        .filter(j -> j.name().equals(name))
        .findFirst()
        .orElseThrow(() -> Refusal.notFound("No job named '" + name + "' in the configuration."));
  }

  private JobWorkflow workflow(String name) {
    return client.newWorkflowStub(JobWorkflow.class, JobWorkflow.workflowId(name));
  }

  private static Refusal notScheduled(String name) {
    return new Refusal(
        409,
        "not_scheduled",
        "Job '" + name + "' is configured but not scheduled yet; start a worker with this config.");
  }
}
