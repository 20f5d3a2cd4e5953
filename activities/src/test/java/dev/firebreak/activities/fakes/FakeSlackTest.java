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
  void callsWithoutATokenAreNotAuthedAndWithAWrongOneInvalidAuthBothWithHttp200()
      throws IOException {
    Answer missing = call("auth.test", Map.of(), null);
    Answer wrong = call("auth.test", Map.of(), "xoxb-wrong");

    assertThat(missing.status()).isEqualTo(200);
    assertThat(missing.body().path("error").asText()).isEqualTo("not_authed");
    assertThat(wrong.status()).isEqualTo(200);
    assertThat(wrong.body().path("error").asText()).isEqualTo("invalid_auth");
    assertThat(call("auth.test", Map.of(), fake.token()).body().path("user_id").asText())
        .isEqualTo(FakeSlack.BOT_USER_ID);
  }

  @Test
  void postsToAChannelByNameAreStoredUnderItsIdAndUpdatesNeedTheId() throws IOException {
    JsonNode posted =
        call("chat.postMessage", Map.of("channel", "#incidents", "text", "hello"), fake.token())
            .body();
    String ts = posted.path("ts").asText();

    assertThat(posted.path("channel").asText()).isEqualTo(FakeSlack.DEFAULT_CHANNEL_ID);
    assertThat(ts).matches("\\d{10}\\.\\d{6}");
    assertThat(
            call(
                    "chat.update",
                    Map.of("channel", "#incidents", "ts", ts, "text", "x"),
                    fake.token())
                .body()
                .path("error")
                .asText())
        .isEqualTo("channel_not_found");
    assertThat(
            call(
                    "chat.update",
                    Map.of("channel", FakeSlack.DEFAULT_CHANNEL_ID, "ts", "1.000001", "text", "x"),
                    fake.token())
                .body()
                .path("error")
                .asText())
        .isEqualTo("message_not_found");
    assertThat(
            call("chat.postMessage", Map.of("channel", "#elsewhere", "text", "x"), fake.token())
                .body()
                .path("error")
                .asText())
        .isEqualTo("channel_not_found");
  }

  @Test
  void historyReturnsMetadataOnlyWhenAskedForAndPagesByCursor() throws IOException {
    String metadata = "{\"event_type\":\"firebreak_message\",\"event_payload\":{\"key\":\"k\"}}";
    for (int i = 0; i < 3; i++) {
      call(
          "chat.postMessage",
          Map.of("channel", "#incidents", "text", "m" + i, "metadata", metadata),
          fake.token());
    }

    JsonNode plain =
        call("conversations.history", Map.of("channel", FakeSlack.DEFAULT_CHANNEL_ID), fake.token())
            .body();
    JsonNode first =
        call(
                "conversations.history",
                Map.of(
                    "channel",
                    FakeSlack.DEFAULT_CHANNEL_ID,
                    "include_all_metadata",
                    "true",
                    "limit",
                    "2"),
                fake.token())
            .body();
    String cursor = first.path("response_metadata").path("next_cursor").asText();
    JsonNode second =
        call(
                "conversations.history",
                Map.of(
                    "channel",
                    FakeSlack.DEFAULT_CHANNEL_ID,
                    "include_all_metadata",
                    "true",
                    "limit",
                    "2",
                    "cursor",
                    cursor),
                fake.token())
            .body();

    assertThat(plain.path("messages").get(0).has("metadata")).isFalse();
    assertThat(first.path("messages").get(0).path("text").asText()).isEqualTo("m2");
    assertThat(
            first
                .path("messages")
                .get(0)
                .path("metadata")
                .path("event_payload")
                .path("key")
                .asText())
        .isEqualTo("k");
    assertThat(first.path("has_more").asBoolean()).isTrue();
    assertThat(second.path("messages")).hasSize(1);
    assertThat(second.path("messages").get(0).path("text").asText()).isEqualTo("m0");
  }

  @Test
  void blocksOverTheirLimitsAreRefusedAsInvalidBlocks() throws IOException {
    String header =
        "[{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\""
            + "x".repeat(151)
            + "\"}}]";

    JsonNode answer =
        call(
                "chat.postMessage",
                Map.of("channel", "#incidents", "text", "t", "blocks", header),
                fake.token())
            .body();

    assertThat(answer.path("error").asText()).isEqualTo("invalid_blocks");
    assertThat(answer.path("errors").get(0).asText()).contains("/blocks/0/text/text");
    assertThat(fake.messages("#incidents")).isEmpty();
  }

  @Test
  void rateLimitFaultAnswers429WithRetryAfterThenRecovers() throws IOException {
    fake.failNext("chat.postMessage", 1, FakeSlackFault.rateLimited(Duration.ofSeconds(3)));

    try (Response limited =
        post("chat.postMessage", Map.of("channel", "#incidents", "text", "x"), fake.token())) {
      assertThat(limited.code()).isEqualTo(429);
      assertThat(limited.header("Retry-After")).isEqualTo("3");
      assertThat(json.readTree(limited.body().string()).path("error").asText())
          .isEqualTo("ratelimited");
    }
    assertThat(
            call("chat.postMessage", Map.of("channel", "#incidents", "text", "x"), fake.token())
                .body()
                .path("ok")
                .asBoolean())
        .isTrue();
    assertThat(fake.postMessageCalls()).isEqualTo(2);
  }

  @Test
  void channelsAreCreatedBySlacksNameRulesAndATakenNameIsRefused() throws IOException {
    assertThat(error("conversations.create", Map.of("name", "")))
        .isEqualTo("invalid_name_required");
    assertThat(error("conversations.create", Map.of("name", "x".repeat(81))))
        .isEqualTo("invalid_name_maxlength");
    assertThat(error("conversations.create", Map.of("name", "Inc 1.2")))
        .isEqualTo("invalid_name_specials");
    assertThat(error("conversations.create", Map.of("name", "--")))
        .isEqualTo("invalid_name_punctuation");
    assertThat(error("conversations.create", Map.of("name", "incidents"))).isEqualTo("name_taken");

    JsonNode created =
        call("conversations.create", Map.of("name", "inc-1-db", "is_private", "true"), fake.token())
            .body();

    assertThat(created.path("channel").path("is_private").asBoolean()).isTrue();
    assertThat(created.path("channel").path("id").asText()).matches("C[A-Z0-9]{8,}");
    JsonNode publicOnly = call("conversations.list", Map.of(), fake.token()).body();
    JsonNode withPrivate =
        call("conversations.list", Map.of("types", "public_channel,private_channel"), fake.token())
            .body();
    assertThat(publicOnly.path("channels").findValuesAsText("name")).containsExactly("incidents");
    assertThat(withPrivate.path("channels").findValuesAsText("name"))
        .containsExactly("incidents", "inc-1-db");
  }

  @Test
  void inviteReportsEachUserSlackCouldNotInviteAndForceStillInvitesTheOthers() throws IOException {
    String channel = FakeSlack.DEFAULT_CHANNEL_ID;
    call("conversations.invite", Map.of("channel", channel, "users", "U0ALICE"), fake.token());

    JsonNode again =
        call("conversations.invite", Map.of("channel", channel, "users", "U0ALICE"), fake.token())
            .body();
    JsonNode mixed =
        call(
                "conversations.invite",
                Map.of("channel", channel, "users", "U0BOB," + FakeSlack.BOT_USER_ID + ",nobody"),
                fake.token())
            .body();
    JsonNode forced =
        call(
                "conversations.invite",
                Map.of("channel", channel, "users", "U0BOB,nobody", "force", "true"),
                fake.token())
            .body();

    assertThat(again.path("error").asText()).isEqualTo("already_in_channel");
    assertThat(mixed.path("error").asText()).isEqualTo("cant_invite_self");
    assertThat(mixed.path("errors").findValuesAsText("error"))
        .containsExactly("cant_invite_self", "user_not_found");
    assertThat(forced.path("errors").findValuesAsText("user")).containsExactly("nobody");
    assertThat(fake.channel(channel).orElseThrow().members())
        .contains("U0ALICE", "U0BOB")
        .doesNotContain("nobody");
    assertThat(error("conversations.invite", Map.of("channel", "C0NOSUCHONE", "users", "U0BOB")))
        .isEqualTo("channel_not_found");
  }

  @Test
  void topicIsLimitedTo250CharactersAndShownByConversationsInfo() throws IOException {
    String channel = FakeSlack.DEFAULT_CHANNEL_ID;

    assertThat(
            error("conversations.setTopic", Map.of("channel", channel, "topic", "x".repeat(251))))
        .isEqualTo("too_long");
    assertThat(error("conversations.setTopic", Map.of("channel", channel)))
        .isEqualTo("invalid_arguments");
    call(
        "conversations.setTopic",
        Map.of("channel", channel, "topic", "P1 · Declared"),
        fake.token());

    JsonNode info = call("conversations.info", Map.of("channel", channel), fake.token()).body();
    assertThat(info.path("channel").path("topic").path("value").asText())
        .isEqualTo("P1 · Declared");
    assertThat(error("conversations.info", Map.of("channel", "#incidents")))
        .isEqualTo("channel_not_found");
  }

  @Test
  void bookmarksNeedAnHttpLinkAndAreListed() throws IOException {
    String channel = FakeSlack.DEFAULT_CHANNEL_ID;

    assertThat(
            error(
                "bookmarks.add",
                Map.of("channel_id", channel, "title", "PM", "type", "link", "link", "ftp://x")))
        .isEqualTo("invalid_link");
    assertThat(
            error(
                "bookmarks.add",
                Map.of(
                    "channel_id", channel, "title", "PM", "type", "folder", "link", "https://x")))
        .isEqualTo("invalid_bookmark_type");
    call(
        "bookmarks.add",
        Map.of("channel_id", channel, "title", "PM", "type", "link", "link", "https://x.test/pm"),
        fake.token());

    JsonNode listed = call("bookmarks.list", Map.of("channel_id", channel), fake.token()).body();
    assertThat(listed.path("bookmarks").findValuesAsText("link"))
        .containsExactly("https://x.test/pm");
  }

  @Test
  void methodTierAnswers429WithRetryAfterOncePastItsLimitAndCountsPostsPerChannel()
      throws IOException {
    fake.limitRate("conversations.create", 2, Duration.ofMinutes(1))
        .limitRate("chat.postMessage", 1, Duration.ofMinutes(1));
    call("conversations.create", Map.of("name", "one"), fake.token());
    call("conversations.create", Map.of("name", "two"), fake.token());

    try (Response limited = post("conversations.create", Map.of("name", "three"), fake.token())) {
      assertThat(limited.code()).isEqualTo(429);
      assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(59, 60);
    }
    assertThat(
            call("chat.postMessage", Map.of("channel", "#incidents", "text", "a"), fake.token())
                .status())
        .isEqualTo(200);
    assertThat(
            call(
                    "chat.postMessage",
                    Map.of("channel", fake.channelId("one"), "text", "b"),
                    fake.token())
                .status())
        .isEqualTo(200);
    assertThat(
            call(
                    "chat.postMessage",
                    Map.of("channel", FakeSlack.DEFAULT_CHANNEL_ID, "text", "c"),
                    fake.token())
                .status())
        .isEqualTo(429);
    assertThat(fake.rateLimitedCalls("conversations.create")).isEqualTo(1);
    assertThat(fake.channelId("three")).isNull();
  }

  private String error(String method, Map<String, String> form) throws IOException {
    return call(method, form, fake.token()).body().path("error").asText();
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
    Request.Builder request =
        new Request.Builder().url(fake.apiUrlPrefix() + method).post(body.build());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.newCall(request.build()).execute();
  }
}
