package dev.firebreak.starter.api;

import dev.firebreak.starter.oncall.SwapParty;

/**
 * {@code POST /api/v1/oncall/{schedule}/swaps}: {@code b} takes the shift {@code a} has at {@code
 * a.at}, and {@code a} the one {@code b} has at {@code b.at}.
 */
record SwapBody(SwapParty a, SwapParty b) {}
