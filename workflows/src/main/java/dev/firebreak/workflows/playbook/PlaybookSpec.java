package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.diagnostics.Probe;
import java.util.List;
import java.util.Optional;

/**
 * One kind of incident as the runbook tells it: how to recognise it, what to look at, what fixes
 * it, what a responder ticks off and what prevents it next time.
 *
 * @param symptoms what responders see, as the runbook says it; may be null
 * @param probes diagnostics the assessment runs next to the services' health checks
 * @param actions the executable resolution steps, in the config's order
 * @param checklist resolution steps a responder ticks off, in order
 * @param prevention the post-mortem's default prevention tasks
 */
public record PlaybookSpec(
    String name,
    String title,
    PlaybookMatch match,
    String symptoms,
    List<Probe> probes,
    List<ActionSpec> actions,
    List<String> checklist,
    List<String> prevention) {

  public PlaybookSpec {
    match = match == null ? PlaybookMatch.never() : match;
    probes = probes == null ? List.of() : List.copyOf(probes);
    actions = actions == null ? List.of() : List.copyOf(actions);
    checklist = checklist == null ? List.of() : List.copyOf(checklist);
    prevention = prevention == null ? List.of() : List.copyOf(prevention);
  }

  public Optional<ActionSpec> action(String actionName) {
    return actions.stream().filter(a -> a.name().equals(actionName)).findFirst();
  }
}
