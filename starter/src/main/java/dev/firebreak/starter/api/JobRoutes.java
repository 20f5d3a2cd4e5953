package dev.firebreak.starter.api;

import dev.firebreak.starter.jobs.JobGateway;
import dev.firebreak.starter.service.RequiredFields;
import dev.firebreak.starter.service.Role;
import dev.firebreak.workflows.job.JobCommand;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code /api/v1/jobs}: anyone with a token may look; responders may run, pause and resume a job,
 * recorded under their token's name, with an optional {@code {"reason": ...}}; a run may give
 * values for the job's parameters ({@code {"parameters": {"since": "24h"}}}).
 */
final class JobRoutes {

  static final String BASE = "/api/v1/jobs";

  private final JobGateway jobs;
  private final JsonBodies bodies;

  JobRoutes(JobGateway jobs, JsonBodies bodies) {
    this.jobs = jobs;
    this.bodies = bodies;
  }

  void register(RoutesConfig routes) {
    routes.get(BASE, ctx -> ctx.json(jobs.list()), Role.VIEWER);
    routes.get(BASE + "/{name}", ctx -> ctx.json(jobs.view(ctx.pathParam("name"))), Role.VIEWER);
    for (JobGateway.Verb verb : JobGateway.Verb.values()) {
      routes.post(BASE + "/{name}/" + verb.path(), ctx -> command(ctx, verb), Role.RESPONDER);
    }
  }

  private void command(Context ctx, JobGateway.Verb verb) {
    JobCommandBody body = bodies.read(ctx, JobCommandBody.class);
    JobCommand command =
        new JobCommand(
            ApiServer.caller(ctx).name(),
            RequiredFields.blankToNull(body.reason()),
            ParameterValues.of(body.parameters()));
    ctx.json(jobs.command(ctx.pathParam("name"), verb, command));
  }
}
