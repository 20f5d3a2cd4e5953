package dev.firebreak.starter.api;

/**
 * The body of {@code POST /api/v1/incidents/{id}/playbook}: the playbook's name, and who attaches
 * it (the token's name when absent).
 */
record PlaybookBody(String name, String by) {}
