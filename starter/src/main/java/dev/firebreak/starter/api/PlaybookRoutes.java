package dev.firebreak.starter.api;

import dev.firebreak.starter.config.PlaybookSpecFactory;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.Role;
import dev.firebreak.workflows.playbook.PlaybookSpec;
import io.javalin.config.RoutesConfig;

/** {@code /api/v1/playbooks}: the configured playbooks, in the order matching tries them. */
final class PlaybookRoutes {

  static final String BASE = "/api/v1/playbooks";

  private final PlaybookSpecFactory playbooks;

  PlaybookRoutes(PlaybookSpecFactory playbooks) {
    this.playbooks = playbooks;
  }

  void register(RoutesConfig routes) {
    routes.get(BASE, ctx -> ctx.json(playbooks.specs()), Role.VIEWER);
    routes.get(BASE + "/{name}", ctx -> ctx.json(named(ctx.pathParam("name"))), Role.VIEWER);
  }

  /** The playbook of that name, or a 404 that says where the names are. */
  PlaybookSpec named(String name) {
    return playbooks
        .named(name)
        .orElseThrow(
            () ->
                Refusal.notFound(
                    "No playbook named '"
                        + name
                        + "'; GET "
                        + BASE
                        + " lists the configured ones."));
  }
}
