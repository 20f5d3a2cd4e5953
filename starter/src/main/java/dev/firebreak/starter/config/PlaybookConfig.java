package dev.firebreak.starter.config;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A runbook's "Common incident" section as code: how to recognise it ({@code match}), what
 * responders see ({@code symptoms}), what to look at ({@code diagnosis}), what fixes it ({@code
 * actions}), what to tick off ({@code checklist}) and what prevents it next time ({@code
 * prevention}, the post-mortem's default prevention tasks).
 *
 * @param name the playbook's id: {@code /incident playbook <name>}, {@code GET
 *     /api/v1/playbooks/<name>}
 * @param match when an incident gets the playbook at declaration; the first playbook that matches,
 *     in the config's order, applies; without one it is only attached by name
 */
public record PlaybookConfig(
    String name,
    String title,
    Match match,
    String symptoms,
    List<PlaybookProbeConfig> diagnosis,
    List<PlaybookActionConfig> actions,
    List<String> checklist,
    List<String> prevention) {

  public PlaybookConfig {
    diagnosis = ConfigShape.listOf(diagnosis);
    actions = ConfigShape.listOf(actions);
    checklist = ConfigShape.listOf(checklist);
    prevention = ConfigShape.listOf(prevention);
  }

  PlaybookConfig withUrls(UnaryOperator<String> expand) {
    return new PlaybookConfig(
        name,
        title,
        match,
        symptoms,
        diagnosis.stream().map(p -> p == null ? null : p.withUrl(expand.apply(p.url()))).toList(),
        actions,
        checklist,
        prevention);
  }

  /**
   * Every criterion given must hold; a list holds when any of its entries does, labels when all of
   * them do.
   *
   * @param alerts alert names; only an incident an alert opened matches them
   * @param labels alert labels that must all have these values
   * @param words words or phrases of which one must appear in the title (whole words, any case)
   */
  public record Match(
      List<String> alerts,
      Map<String, String> labels,
      List<String> services,
      List<String> severities,
      List<String> words) {

    public Match {
      alerts = ConfigShape.listOf(alerts);
      labels = labels == null ? Map.of() : Map.copyOf(labels);
      services = ConfigShape.listOf(services);
      severities = ConfigShape.listOf(severities);
      words = ConfigShape.listOf(words);
    }
  }
}
