package dev.firebreak.workflows.oncall;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** What a handoff notice tells the incoming person about. */
@ActivityInterface(namePrefix = "Handoff")
public interface HandoffActivities {

  /**
   * One line per open incident on any of {@code services} ({@code "INC-20261204-1 P1 api: Checkout
   * down"}); every open incident when {@code services} is empty.
   */
  @ActivityMethod
  List<String> openIncidents(List<String> services);
}
