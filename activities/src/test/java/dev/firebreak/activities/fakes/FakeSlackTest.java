package dev.firebreak.activities.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake answers like Slack does, so that tests against it mean something. */
class FakeSlackTest {

  private final FakeSlack fake = new FakeSlack();
  private final OkHttpClient http = new OkHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void tearDown() throws IOException {
    fake.close();
  }

  @Test
  void callsWithoutATokenAreNotAuthedAndWithAWrongOneInvalidAuthBothWithHttp200() throws IOException {
    Answer missing = call("auth.test", Map.of(), null);
    Answer wrong = call("auth.test", Map.of(), "xoxb-wrong");

    assertThat(missing.status()).isEqualTo(200);
    assertThat(missing.body().path("error").asText()).isEqualTo("not_authed");
    assertThat(wrong.status()).isEqualTo(200);
    assertThat(wrong.body().path("error").asText()).isEqualTo("invalid_auth");
    assertThat(call("auth.test", Map.of(), fake.token()).body().path("user_id").asText()).isEqualTo(FakeSlack.BOT_USER_ID);
  }

  @Test
  void postsToAChannelByNameAreStoredUnderItsIdAndUpdatesNeedTheId() throws IOException {
    JsonNode posted = call("chat.postMessage", Map.of("channel", "#incidents", "text", "hello"), fake.token()).body();
    String ts = posted.path("ts").asText();

    assertThat(posted.path("channel").asText()).isEqualTo(FakeSlack.DEFAULT_CHANNEL_ID);
    assertThat(ts).matches("\\d{10}\\.\\d{6}");
    assertThat(call("chat.update", Map.of("channel", "#incidents", "ts", ts, "text", "x"), fake.token())
        .body().path("error").asText()).isEqualTo("channel_not_found");
    assertThat(call("chat.update", Map.of("channel", FakeSlack.DEFAULT_CHANNEL_ID, "ts", "1.000001", "text", "x"),
        fake.token()).body().path("error").asText()).isEqualTo("message_not_found");
    assertThat(call("chat.postMessage", Map.of("channel", "#elsewhere", "text", "x"), fake.token())
        .body().path("error").asText()).isEqualTo("channel_not_found");
  }

  @Test
  void historyReturnsMetadataOnlyWhenAskedForAndPagesByCursor() throws IOException {
    String metadata = "{\"event_type\":\"firebreak_message\",\"event_payload\":{\"key\":\"k\"}}";
    for (int i = 0; i < 3; i++) {
      call("chat.postMessage", Map.of("channel", "#incidents", "text", "m" + i, "metadata", metadata), fake.token());
    }

    JsonNode plain = call("conversations.history", Map.of("channel", FakeSlack.DEFAULT_CHANNEL_ID), fake.token()).body();
    JsonNode first = call("conversations.history", Map.of("channel", FakeSlack.DEFAULT_CHANNEL_ID,
        "include_all_metadata", "true", "limit", "2"), fake.token()).body();
    String cursor = first.path("response_metadata").path("next_cursor").asText();
    JsonNode second = call("conversations.history", Map.of("channel", FakeSlack.DEFAULT_CHANNEL_ID,
        "include_all_metadata", "true", "limit", "2", "cursor", cursor), fake.token()).body();

    assertThat(plain.path("messages").get(0).has("metadata")).isFalse();
    assertThat(first.path("messages").get(0).path("text").asText()).isEqualTo("m2");
    assertThat(first.path("messages").get(0).path("metadata").path("event_payload").path("key").asText()).isEqualTo("k");
    assertThat(first.path("has_more").asBoolean()).isTrue();
    assertThat(second.path("messages")).hasSize(1);
    assertThat(second.path("messages").get(0).path("text").asText()).isEqualTo("m0");
  }

  @Test
  void blocksOverTheirLimitsAreRefusedAsInvalidBlocks() throws IOException {
    String header = "[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "x".repeat(151) + "\"}}]";

    JsonNode answer = call("chat.postMessage", Map.of("channel", "#incidents", "text", "t", "blocks", header),
        fake.token()).body();

    assertThat(answer.path("error").asText()).isEqualTo("invalid_blocks");
    assertThat(answer.path("errors").get(0).asText()).contains("/blocks/0/text/text");
    assertThat(fake.messages("#incidents")).isEmpty();
  }

  @Test
  void rateLimitFaultAnswers429WithRetryAfterThenRecovers() throws IOException {
    fake.failNext("chat.postMessage", 1, FakeSlackFault.rateLimited(Duration.ofSeconds(3)));

    try (Response limited = post("chat.postMessage", Map.of("channel", "#incidents", "text", "x"), fake.token())) {
      assertThat(limited.code()).isEqualTo(429);
      assertThat(limited.header("Retry-After")).isEqualTo("3");
      assertThat(json.readTree(limited.body().string()).path("error").asText()).isEqualTo("ratelimited");
    }
    assertThat(call("chat.postMessage", Map.of("channel", "#incidents", "text", "x"), fake.token())
        .body().path("ok").asBoolean()).isTrue();
    assertThat(fake.postMessageCalls()).isEqualTo(2);
  }

  private record Answer(int status, JsonNode body) {}

  private Answer call(String method, Map<String, String> form, String token) throws IOException {
    try (Response response = post(method, form, token)) {
      return new Answer(response.code(), json.readTree(response.body().string()));
    }
  }

  private Response post(String method, Map<String, String> form, String token) throws IOException {
    FormBody.Builder body = new FormBody.Builder();
    form.forEach(body::add);
    Request.Builder request = new Request.Builder().url(fake.apiUrlPrefix() + method).post(body.build());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.newCall(request.build()).execute();
  }
}
