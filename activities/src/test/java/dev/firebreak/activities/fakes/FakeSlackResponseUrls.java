package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;

/**
 * The {@code response_url}s Slack hands out with commands and clicks (docs/providers.md §1.3): JSON
 * bodies POSTed to {@code /commands/...}; each URL takes five answers within thirty minutes of
 * being issued, then Slack refuses it.
 */
final class FakeSlackResponseUrls {

  static final String PREFIX = "/commands/";
  static final int MAX_USES = 5;
  static final Duration LIFETIME = Duration.ofMinutes(30);

  private final ObjectMapper json = new ObjectMapper();
  private final Clock clock;
  private final Map<String, Instant> issued = new HashMap<>();
  private final Map<String, List<JsonNode>> answers = new HashMap<>();

  FakeSlackResponseUrls(Clock clock) {
    this.clock = clock;
  }

  /** A fresh path under {@link #PREFIX}, as Slack issues one per request. */
  String issue(String name) {
    String path = PREFIX + "T0FAKE/" + name;
    issued.putIfAbsent(path, clock.instant());
    return path;
  }

  MockResponse answer(String path, String body) {
    Instant since = issued.get(path);
    List<JsonNode> received = answers.computeIfAbsent(path, p -> new ArrayList<>());
    if (since == null
        || clock.instant().isAfter(since.plus(LIFETIME))
        || received.size() >= MAX_USES) {
      return new MockResponse().setResponseCode(404).setBody("expired_url");
    }
    try {
      received.add(json.readTree(body));
    } catch (JsonProcessingException e) {
      return new MockResponse().setResponseCode(400).setBody("invalid_payload");
    }
    return new MockResponse().setResponseCode(200).setBody("ok");
  }

  List<JsonNode> answers(String path) {
    return List.copyOf(answers.getOrDefault(path, List.of()));
  }
}
