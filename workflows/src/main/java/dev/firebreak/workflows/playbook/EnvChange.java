package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.rollback.PlatformService;
import java.util.List;
import java.util.Map;

/**
 * Environment variables to write on a service's platform. Values come from the operator's config or
 * from validated action parameters, never expanded from anything that arrived over the API.
 *
 * @param set name to value; the values are written for the production target
 * @param unset names to remove; a name that is not there is not an error
 */
public record EnvChange(PlatformService service, Map<String, String> set, List<String> unset) {
  public EnvChange {
    set = Map.copyOf(set);
    unset = List.copyOf(unset);
  }
}
