package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Block Kit limits Slack enforces on incident-style messages (docs/providers.md §2). Slack
 * refuses the whole message with {@code invalid_blocks} when one of them is broken, so the fake
 * does too.
 */
final class FakeSlackBlockKit {

  private FakeSlackBlockKit() {}

  /**
   * What is wrong with the blocks, in Slack's "must be … [json-pointer:…]" style; empty when valid.
   */
  static List<String> problems(JsonNode blocks) {
    List<String> problems = new ArrayList<>();
    if (!blocks.isArray()) {
      problems.add("must be an array [json-pointer:/blocks]");
      return problems;
    }
    atMost(problems, blocks.size(), 50, "/blocks");
    Set<String> blockIds = new HashSet<>();
    for (int i = 0; i < blocks.size(); i++) {
      JsonNode block = blocks.get(i);
      String at = "/blocks/" + i;
      if (block.has("block_id")) {
        longest(problems, block.get("block_id"), 255, at + "/block_id");
        if (!blockIds.add(block.get("block_id").asText())) {
          problems.add("block_id must be unique [json-pointer:" + at + "/block_id]");
        }
      }
      switch (block.path("type").asText()) {
        case "header" -> {
          if (!"plain_text".equals(block.path("text").path("type").asText())) {
            problems.add("must be plain_text [json-pointer:" + at + "/text]");
          }
          longest(problems, block.path("text").path("text"), 150, at + "/text/text");
        }
        case "section" -> section(problems, block, at);
        case "context" -> atMost(problems, block.path("elements").size(), 10, at + "/elements");
        case "actions" -> actions(problems, block, at);
        case "divider" -> {}
        default -> problems.add("unsupported block type [json-pointer:" + at + "/type]");
      }
    }
    return problems;
  }

  private static void section(List<String> problems, JsonNode block, String at) {
    if (!block.has("text") && !block.has("fields")) {
      problems.add("must have text or fields [json-pointer:" + at + "]");
    }
    longest(problems, block.path("text").path("text"), 3000, at + "/text/text");
    JsonNode fields = block.path("fields");
    atMost(problems, fields.size(), 10, at + "/fields");
    for (int f = 0; f < fields.size(); f++) {
      longest(problems, fields.get(f).path("text"), 2000, at + "/fields/" + f + "/text");
    }
  }

  private static void actions(List<String> problems, JsonNode block, String at) {
    JsonNode elements = block.path("elements");
    atMost(problems, elements.size(), 25, at + "/elements");
    for (int e = 0; e < elements.size(); e++) {
      JsonNode element = elements.get(e);
      String el = at + "/elements/" + e;
      longest(problems, element.path("text").path("text"), 75, el + "/text/text");
      longest(problems, element.path("value"), 2000, el + "/value");
      longest(problems, element.path("action_id"), 255, el + "/action_id");
      JsonNode confirm = element.path("confirm");
      longest(problems, confirm.path("title").path("text"), 100, el + "/confirm/title/text");
      longest(problems, confirm.path("text").path("text"), 300, el + "/confirm/text/text");
      longest(problems, confirm.path("confirm").path("text"), 30, el + "/confirm/confirm/text");
      longest(problems, confirm.path("deny").path("text"), 30, el + "/confirm/deny/text");
    }
  }

  private static void longest(List<String> problems, JsonNode text, int max, String pointer) {
    if (text.isTextual() && text.asText().length() > max) {
      problems.add("must be less than " + (max + 1) + " characters [json-pointer:" + pointer + "]");
    }
  }

  private static void atMost(List<String> problems, int count, int max, String pointer) {
    if (count > max) {
      problems.add("must have at most " + max + " items [json-pointer:" + pointer + "]");
    }
  }
}
