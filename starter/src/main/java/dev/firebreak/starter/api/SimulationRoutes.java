package dev.firebreak.starter.api;

import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.Role;
import dev.firebreak.starter.simulation.PagingSimulator;
import dev.firebreak.starter.simulation.SimulationRequest;
import dev.firebreak.starter.simulation.SimulationRequests;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /api/v1/simulations}: the paging simulator for anyone with a token, answering what
 * {@code firebreak simulate --json} prints. Each simulation runs its own in-process test server for
 * about a second, so only a few run at once; more are refused rather than queued.
 */
final class SimulationRoutes {

  static final String BASE = "/api/v1/simulations";

  /** Two at once keeps a burst of requests from taking every core of a small API host. */
  static final int AT_ONCE = 2;

  private final PagingSimulator simulator;
  private final SimulationRequests requests;
  private final JsonBodies bodies;
  private final Semaphore running = new Semaphore(AT_ONCE);

  SimulationRoutes(PagingSimulator simulator, SimulationRequests requests, JsonBodies bodies) {
    this.simulator = simulator;
    this.requests = requests;
    this.bodies = bodies;
  }

  void register(RoutesConfig routes) {
    routes.post(BASE, this::simulate, Role.VIEWER);
  }

  private void simulate(Context ctx) {
    SimulationBody body = bodies.read(ctx, SimulationBody.class);
    SimulationRequest request =
        requests.read(body.severity(), body.service(), body.at(), body.ackAfter());
    if (!running.tryAcquire()) {
      throw new Refusal(
          503, "busy", AT_ONCE + " simulations are running already; try again in a few seconds.");
    }
    try {
      ctx.json(simulator.run(request));
    } finally {
      running.release();
    }
  }
}
