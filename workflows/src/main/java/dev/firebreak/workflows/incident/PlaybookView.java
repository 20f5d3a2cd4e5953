package dev.firebreak.workflows.incident;

import java.util.List;

/**
 * The playbook as the incident shows it: what it is, what responders see, the checklist with what
 * is ticked, and the post-mortem's default prevention tasks.
 *
 * @param attachedBy who attached it by name; null when it matched at declaration
 */
public record PlaybookView(
    String name,
    String title,
    String symptoms,
    List<ChecklistItem> checklist,
    List<String> prevention,
    String attachedBy) {}
