package dev.firebreak.activities.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.workflows.notify.SlackEscaping;
import java.util.ArrayList;
import java.util.List;

/**
 * What a reader sees of a Slack message, worked out the way Slack reads mrkdwn: every {@code <…>}
 * is a control sequence (a user mention, a broadcast such as {@code <!channel>}, a channel, a date,
 * or a link whose label hides its address), and {@code &lt;}, {@code &gt;} and {@code &amp;} are
 * the only entities, decoded once. Tests assert on this instead of on the escaped text, so that
 * they say what Slack would do with it.
 *
 * @param text what the reader reads: entities decoded, mentions as {@code @U…}, links as their
 *     label
 * @param broadcasts the {@code <!channel>}, {@code <!here>} and {@code <!everyone>} that notify
 *     everyone
 * @param mentions the users and user groups notified ({@code U…}, {@code subteam^S…})
 * @param links the addresses behind links
 */
public record FakeSlackRendering(
    String text, List<String> broadcasts, List<String> mentions, List<String> links) {

  public FakeSlackRendering {
    broadcasts = List.copyOf(broadcasts);
    mentions = List.copyOf(mentions);
    links = List.copyOf(links);
  }

  /** A mrkdwn text as Slack renders it. */
  public static FakeSlackRendering mrkdwn(String mrkdwn) {
    StringBuilder text = new StringBuilder();
    List<String> broadcasts = new ArrayList<>();
    List<String> mentions = new ArrayList<>();
    List<String> links = new ArrayList<>();
    int i = 0;
    while (i < mrkdwn.length()) {
      char c = mrkdwn.charAt(i);
      int close = c == '<' ? mrkdwn.indexOf('>', i) : -1;
      if (close > 0) {
        String inside = mrkdwn.substring(i + 1, close);
        int bar = inside.indexOf('|');
        String target = bar < 0 ? inside : inside.substring(0, bar);
        String label = bar < 0 ? null : inside.substring(bar + 1);
        if (target.startsWith("!date^")) {
          text.append(SlackEscaping.unescape(label == null ? "" : label));
        } else if (target.startsWith("!subteam^")) {
          mentions.add(target.substring(1));
          text.append('@')
              .append(label == null ? target.substring(1) : SlackEscaping.unescape(label));
        } else if (target.startsWith("!")) {
          broadcasts.add(target.substring(1));
          text.append('@').append(target.substring(1));
        } else if (target.startsWith("@")) {
          mentions.add(target.substring(1));
          text.append(target);
        } else if (target.startsWith("#")) {
          text.append(target);
        } else {
          links.add(target);
          text.append(SlackEscaping.unescape(label == null ? target : label));
        }
        i = close + 1;
      } else {
        int next = mrkdwn.indexOf('<', i + 1);
        int end = next < 0 ? mrkdwn.length() : next;
        text.append(SlackEscaping.unescape(mrkdwn.substring(i, end)));
        i = end;
      }
    }
    return new FakeSlackRendering(text.toString(), broadcasts, mentions, links);
  }

  /**
   * Everything a message shows: its text (the notification) and every text object of its blocks;
   * plain_text objects are shown as they are, mrkdwn ones rendered.
   */
  public static List<FakeSlackRendering> of(FakeSlackMessage message) {
    List<FakeSlackRendering> parts =
        new ArrayList<>(List.of(mrkdwn(message.text() == null ? "" : message.text())));
    if (message.blocks() != null) {
      collect(message.blocks(), parts);
    }
    return parts;
  }

  private static void collect(JsonNode node, List<FakeSlackRendering> parts) {
    if (node.isObject() && node.path("text").isTextual() && node.has("type")) {
      String type = node.get("type").asText();
      if (type.equals("mrkdwn")) {
        parts.add(mrkdwn(node.get("text").asText()));
      } else if (type.equals("plain_text")) {
        parts.add(
            new FakeSlackRendering(node.get("text").asText(), List.of(), List.of(), List.of()));
      }
    }
    node.forEach(child -> collect(child, parts));
  }
}
