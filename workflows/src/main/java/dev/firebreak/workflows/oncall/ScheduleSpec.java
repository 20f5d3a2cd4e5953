package dev.firebreak.workflows.oncall;

import java.util.List;

/**
 * An on-call schedule as configured. Later layers override earlier ones wherever they have someone
 * on call; overrides win over every layer.
 *
 * @param timeZone IANA zone that handoff times, start dates and restrictions are read in
 * @param services the services whose open incidents the incoming person is told about at handoff
 */
public record ScheduleSpec(
    String name, String timeZone, List<RotationLayer> layers, List<String> services) {

  public ScheduleSpec {
    layers = List.copyOf(layers);
    services = services == null ? List.of() : List.copyOf(services);
  }
}
