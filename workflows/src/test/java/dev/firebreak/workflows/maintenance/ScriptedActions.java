package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.action.HttpActionActivities;
import dev.firebreak.workflows.action.HttpActionResult;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

/** Workflow tests' HTTP actions: every call succeeds unless the test names it as failing, as a 4xx would. */
public class ScriptedActions implements HttpActionActivities {
  public final List<String> performed = new CopyOnWriteArrayList<>();
  /** Every call as the workflow handed it over, to check what it carries. */
  public final List<HttpAction> received = new CopyOnWriteArrayList<>();
  public final Set<String> failing = new CopyOnWriteArraySet<>();

  @Override
  public HttpActionResult perform(HttpAction action) {
    performed.add(action.name());
    received.add(action);
    if (failing.contains(action.name())) {
      throw ApplicationFailure.newNonRetryableFailure(
          action.name() + ": HTTP 500 from " + action.url() + " (expected 200)", "UnexpectedStatus");
    }
    return new HttpActionResult(action.name(), 200, "{}", false, "HTTP 200");
  }
}
