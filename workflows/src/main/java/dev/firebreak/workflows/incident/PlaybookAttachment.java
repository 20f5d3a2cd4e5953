package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.playbook.PlaybookSpec;

/**
 * A responder gives the incident a playbook by name; the caller looked the name up in the config,
 * so the incident keeps the playbook as it was when attached.
 */
public record PlaybookAttachment(PlaybookSpec playbook, String by) {}
