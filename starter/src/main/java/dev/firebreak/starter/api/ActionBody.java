package dev.firebreak.starter.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The body of running a playbook action ({@code POST /api/v1/incidents/{id}/actions/{action}}) or
 * undoing a run: the values the action's parameters take (text, or a whole number for an integer
 * parameter) and why.
 */
record ActionBody(Map<String, JsonNode> parameters, String reason) {}
