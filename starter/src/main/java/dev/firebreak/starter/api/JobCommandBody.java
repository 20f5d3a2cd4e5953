package dev.firebreak.starter.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The body of a job command: why, and for a run now the values of the job's parameters (pause and
 * resume take none).
 */
record JobCommandBody(String reason, Map<String, JsonNode> parameters) {}
