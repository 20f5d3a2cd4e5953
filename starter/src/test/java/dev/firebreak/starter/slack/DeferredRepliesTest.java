package dev.firebreak.starter.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeferredRepliesTest {

  private static final SlackReply PENDING = SlackReply.toUser("working");
  private final List<Map.Entry<String, SlackReply>> delivered = new CopyOnWriteArrayList<>();
  private final DeferredReplies replies =
      new DeferredReplies(
          (url, reply) -> delivered.add(Map.entry(url, reply)), Duration.ofMillis(100));

  @AfterEach
  void stop() {
    replies.close();
  }

  @Test
  void quickWorkIsAnsweredInline() {
    SlackReply reply =
        replies.within(() -> SlackReply.toUser("done"), PENDING, "http://127.0.0.1:9/r");

    assertThat(reply.text()).isEqualTo("done");
    assertThat(delivered).isEmpty();
  }

  @Test
  void slowWorkIsAcknowledgedAtOnceAndAnsweredByResponseUrl() {
    long started = System.nanoTime();
    SlackReply reply =
        replies.within(
            () -> {
              sleep(500);
              return SlackReply.toChannel("declared");
            },
            PENDING,
            "http://127.0.0.1:9/r");

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(400));
    assertThat(reply).isEqualTo(PENDING);
    await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
    assertThat(delivered.get(0))
        .isEqualTo(Map.entry("http://127.0.0.1:9/r", SlackReply.toChannel("declared")));
  }

  @Test
  void failingWorkBecomesAnApologyNotAStackTrace() {
    SlackReply inline =
        replies.within(
            () -> {
              throw new IllegalStateException("boom");
            },
            PENDING,
            "u");
    replies.later(
        () -> {
          throw new IllegalStateException("boom");
        },
        "u");

    assertThat(inline.text()).doesNotContain("boom").contains("details are in the Firebreak log");
    await().atMost(Duration.ofSeconds(5)).until(() -> delivered.size() == 1);
    assertThat(delivered.get(0).getValue().text()).doesNotContain("boom");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
