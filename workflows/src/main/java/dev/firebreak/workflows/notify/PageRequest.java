package dev.firebreak.workflows.notify;

import java.util.List;

/**
 * Page the people of one escalation level.
 *
 * @param key unique per incident, round and level ({@code INC-…/page-r1-l2}); the provider's dedup
 *     key, so a retried page never pages twice
 * @param targets scheme-prefixed targets of the level, for example {@code slack:U012AB3CD}
 * @param channel and threadTs where chat-based paging posts, and where the result is reported
 */
public record PageRequest(
    String key,
    String incidentId,
    String severity,
    String title,
    String levelName,
    List<String> targets,
    String reason,
    String channel,
    String threadTs) {

  /** The same page to other targets: a part of the level, or its schedules resolved to people. */
  public PageRequest withTargets(List<String> targets) {
    return new PageRequest(
        key, incidentId, severity, title, levelName, targets, reason, channel, threadTs);
  }
}
