package dev.firebreak.starter.api;

/**
 * The incident a declaration led to; {@code created} is false when an Idempotency-Key found an
 * earlier one.
 */
record Declared(String id, boolean created) {}
