package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.HumanDuration;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the incident report in the runbooks' template (Recoup's "Incident Report Template"):
 * summary, impact, timeline, root cause, resolution, prevention, lessons, plus the two numbers
 * teams track. Pure formatting of what the workflow knows, so it is safe in workflow code. Every
 * piece of user text goes through {@link MarkdownText}, so none of it can add a heading, HTML, a
 * link or break a list.
 */
final class PostMortemReport {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DAY_AND_TIME =
      DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final String MISSING =
      "_Not recorded yet: add it with `POST /api/v1/incidents/%s/postmortem/input`._";

  private PostMortemReport() {}

  static String render(Incident incident, Instant now) {
    Declaration d = incident.declaration;
    Lifecycle life = incident.lifecycle;
    PostMortemInput input = incident.postMortem.input();
    Instant end = life.resolvedAt() != null ? life.resolvedAt() : now;
    boolean sameDay = DATE.format(d.declaredAt()).equals(DATE.format(end));
    StringBuilder md = new StringBuilder();
    md.append("# Incident Report: ").append(inline(d.title())).append("\n\n");
    if (life.resolvedAt() == null) {
      md.append("> Draft: the incident is not resolved yet.\n\n");
    }
    md.append("**Incident**: ").append(d.id()).append('\n');
    md.append("**Date**: ").append(DATE.format(d.declaredAt())).append('\n');
    md.append("**Severity**: ").append(life.severity());
    if (life.severity() != d.severity()) {
      md.append(" (declared as ").append(d.severity()).append(')');
    }
    md.append('\n');
    md.append("**Duration**: ")
        .append(HumanDuration.clock(Duration.between(d.declaredAt(), end)))
        .append(" (")
        .append(stamp(d.declaredAt(), sameDay))
        .append(" – ")
        .append(stamp(end, sameDay))
        .append(" UTC)\n");
    md.append("**Owner**: ").append(orDash(inline(life.commander()))).append('\n');
    md.append("**Time to acknowledge**: ")
        .append(HumanDuration.of(incident.timeToAcknowledge()))
        .append('\n');
    md.append("**Time to resolve**: ")
        .append(HumanDuration.of(incident.timeToResolve()))
        .append("\n\n");

    md.append("## Summary\n")
        .append(
            orElse(
                MarkdownText.block(
                    PostMortemInput.firstNonBlank(life.resolutionSummary(), d.description())),
                d.id()))
        .append("\n\n");

    md.append("## Impact\n");
    md.append("- **Services Affected**: ").append(inline(d.service())).append('\n');
    md.append("- **Impact**: ").append(orElse(inline(input.impact()), d.id())).append("\n\n");

    md.append("## Timeline\n");
    for (TimelineEntry entry : incident.timeline()) {
      if (entry.kind().equals("dry-run")) {
        continue; // what a dry-run provider would have sent is not part of the incident's story
      }
      md.append("- **").append(stamp(entry.at(), sameDay)).append("** - ");
      if (entry.actor() != null && !entry.actor().isBlank()) {
        md.append(inline(entry.actor())).append(": ");
      }
      md.append(inline(entry.text())).append('\n');
    }
    md.append('\n');

    md.append("## Root Cause\n")
        .append(orElse(MarkdownText.block(input.rootCause()), d.id()))
        .append("\n\n");

    md.append("## Resolution\n")
        .append(
            orElse(
                MarkdownText.block(
                    PostMortemInput.firstNonBlank(input.resolution(), life.resolutionSummary())),
                d.id()))
        .append('\n');
    if (!life.mitigations().isEmpty()) {
      md.append("\nMitigations applied:\n");
      for (Mitigation m : life.mitigations()) {
        md.append("- ").append(inline(m.action()));
        if (m.detail() != null && !m.detail().isBlank()) {
          md.append(": ").append(inline(m.detail()));
        }
        md.append(" (").append(inline(m.by())).append(")\n");
      }
    }
    IncidentPlaybook playbook = incident.playbook;
    if (playbook != null) {
      md.append("\nPlaybook: ")
          .append(inline(playbook.spec().name()))
          .append(" (")
          .append(inline(playbook.spec().title()))
          .append(")\n");
      for (ChecklistItem item : playbook.checklist()) {
        md.append(item.ticked() ? "- [x] " : "- [ ] ").append(inline(item.text()));
        if (item.ticked()) {
          md.append(" (").append(inline(item.tickedBy())).append(')');
        }
        md.append('\n');
      }
    }
    md.append('\n');

    md.append("## Prevention\n");
    List<String> tasks = preventionTasks(input, playbook);
    if (tasks.isEmpty()) {
      md.append(String.format(MISSING, d.id())).append('\n');
    } else {
      tasks.forEach(task -> md.append("- [ ] ").append(inline(task)).append('\n'));
    }
    md.append('\n');

    md.append("## Lessons Learned\n")
        .append(orElse(MarkdownText.block(input.lessonsLearned()), d.id()))
        .append('\n');
    return md.toString();
  }

  /**
   * The tasks the responders wrote, then the playbook's default ones they did not write themselves.
   */
  private static List<String> preventionTasks(PostMortemInput input, IncidentPlaybook playbook) {
    Set<String> tasks = new LinkedHashSet<>(input.preventionTasks());
    if (playbook != null) {
      tasks.addAll(playbook.spec().prevention());
    }
    return List.copyOf(tasks);
  }

  private static String stamp(Instant at, boolean sameDay) {
    return sameDay ? TIME.format(at) : DAY_AND_TIME.format(at);
  }

  private static String orElse(String text, String incidentId) {
    return text == null || text.isBlank() ? String.format(MISSING, incidentId) : text;
  }

  private static String orDash(String text) {
    return text == null || text.isBlank() ? "—" : text;
  }

  /** User text on one line of the report, escaped; "" for none. */
  private static String inline(String text) {
    return text == null ? "" : MarkdownText.inline(text);
  }
}
