package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.action.ActionNotSent;
import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.action.HttpActionActivities;
import dev.firebreak.workflows.action.HttpActionResult;
import dev.firebreak.workflows.common.EnvReferences;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Workflow tests' HTTP actions: every call succeeds unless the test names it as failing, as a 4xx
 * would. Like the real activity, a configured action that references a variable missing from {@link
 * #environment}, or an action with no http(s) URL, fails before it is sent; an action a request
 * wrote is literal text and never expanded. {@link #effects} is what a call that went through does
 * to the world.
 */
public class ScriptedActions implements HttpActionActivities {
  public final List<String> performed = new CopyOnWriteArrayList<>();

  /** Every call as the workflow handed it over, to check what it carries. */
  public final List<HttpAction> received = new CopyOnWriteArrayList<>();

  public final Set<String> failing = new CopyOnWriteArraySet<>();
  public final Map<String, String> environment = new ConcurrentHashMap<>();
  public final Map<String, Runnable> effects = new ConcurrentHashMap<>();

  @Override
  public HttpActionResult perform(HttpAction action) {
    if (!action.url().startsWith("http")) {
      throw ApplicationFailure.newNonRetryableFailure(
          "HTTP action " + action.name() + " '" + action.url() + "' is not an http(s) URL",
          ActionNotSent.INVALID_ACTION);
    }
    List<String> texts =
        new ArrayList<>(action.headers() == null ? List.of() : action.headers().values());
    texts.add(action.url());
    texts.add(action.body());
    if (action.fromConfig()) {
      texts.forEach(text -> EnvReferences.expand(text, this::variable));
    }
    performed.add(action.name());
    received.add(action);
    if (failing.contains(action.name())) {
      throw ApplicationFailure.newNonRetryableFailure(
          action.name() + ": HTTP 500 from " + action.url() + " (expected 200)",
          "UnexpectedStatus");
    }
    effects.getOrDefault(action.name(), () -> {}).run();
    return new HttpActionResult(action.name(), 200, "{}", false, "HTTP 200");
  }

  private String variable(String name) {
    String value = environment.get(name);
    if (value == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "environment variable "
              + name
              + " is not set (referenced as "
              + EnvReferences.reference(name)
              + ")",
          ActionNotSent.MISSING_VARIABLE);
    }
    return value;
  }
}
