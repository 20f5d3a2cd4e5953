package dev.firebreak.workflows.playbook;

/**
 * One value a caller fills in when running an action, for example a Stripe event id ({@code
 * pattern: "evt_[A-Za-z0-9]+"}) or a number of instances ({@code min: 1, max: 10}).
 *
 * @param pattern a regular expression the whole value (each element of a LIST) must match; null for
 *     any
 * @param min the smallest INTEGER accepted; null for no bound
 * @param max the largest INTEGER accepted, or the longest TIME_RANGE in seconds; null for no bound
 * @param defaultValue used when the caller leaves it out; null makes a required parameter
 */
public record ParameterSpec(
    String name,
    ParameterType type,
    boolean required,
    String pattern,
    Long min,
    Long max,
    String defaultValue,
    String description) {}
