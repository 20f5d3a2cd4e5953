package dev.firebreak.starter.api;

/**
 * The body of {@code POST /api/v1/maintenance-windows/{id}/confirm}.
 *
 * @param step the step confirmed; when left out, the one the window waits for
 * @param failed the person reports the step failed rather than done
 */
record ConfirmBody(String step, Boolean failed, String note) {}
