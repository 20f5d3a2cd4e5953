package dev.firebreak.starter.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.util.json.GsonFactory;
import com.slack.api.webhook.WebhookResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers that come after the 3-second acknowledgement go to the request's {@code response_url}
 * (docs/providers.md §1.3: usable five times in thirty minutes). A failed delivery is logged, never
 * thrown: the work it reports on has already happened in the workflow.
 */
final class ResponseUrls {

  private static final Logger log = LoggerFactory.getLogger(ResponseUrls.class);

  private final Slack slack;
  private final ObjectMapper json = new ObjectMapper();

  ResponseUrls(Slack slack) {
    this.slack = slack;
  }

  void send(String responseUrl, SlackReply reply) {
    if (responseUrl == null || responseUrl.isBlank()) {
      log.warn("A Slack answer had nowhere to go (no response_url): {}", reply.text());
      return;
    }
    try {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("response_type", reply.inChannel() ? "in_channel" : "ephemeral");
      answer.put("replace_original", false);
      answer.put("text", reply.text());
      if (!reply.blocks().isEmpty()) {
        // Block Kit's field names are snake_case, as Slack's own (Gson) serialiser writes them.
        answer.put("blocks", json.readTree(GsonFactory.createSnakeCase().toJson(reply.blocks())));
      }
      String body = json.writeValueAsString(answer);
      WebhookResponse response = slack.send(responseUrl, body);
      if (response.getCode() != 200) {
        log.warn(
            "Slack refused a response_url answer: HTTP {} {}",
            response.getCode(),
            response.getBody());
      }
    } catch (IOException | RuntimeException e) {
      log.warn("Could not deliver a Slack answer to its response_url: {}", e.toString());
    }
  }
}
