package dev.firebreak.starter.incidents;

/**
 * The incident a declaration led to; {@code created} is false when an Idempotency-Key found an
 * earlier one.
 */
public record Declared(String id, boolean created) {}
