package dev.firebreak.workflows.oncall;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * One rotation: participants take turns of {@code turn}, the first turn starting on {@code start}
 * at {@code handoff} in the schedule's time zone. Before that the layer has nobody. With
 * restrictions, the person whose turn it is is on call only inside them.
 */
public record RotationLayer(
    String name,
    List<OnCallPerson> participants,
    TurnLength turn,
    LocalDate start,
    LocalTime handoff,
    List<LayerRestriction> restrictions) {

  public RotationLayer {
    participants = List.copyOf(participants);
    restrictions = restrictions == null ? List.of() : List.copyOf(restrictions);
    if (participants.isEmpty()) {
      throw new IllegalArgumentException("layer " + name + " has no participants");
    }
  }
}
