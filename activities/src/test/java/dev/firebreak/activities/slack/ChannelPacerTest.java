package dev.firebreak.activities.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.SettableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ChannelPacerTest {

  private static final Instant T0 = Instant.parse("2026-11-23T11:30:00Z");

  @Test
  void postsToOneChannelAreSpacedByTheIntervalWhileOtherChannelsGoAtOnce() {
    ChannelPacer pacer =
        new ChannelPacer(
            Duration.ofSeconds(1), 1, Duration.ofSeconds(5), Clock.fixed(T0, ZoneOffset.UTC));

    assertThat(pacer.reserve("incidents", "a-1"))
        .isEqualTo(new ChannelPacer.Turn(true, Duration.ZERO));
    assertThat(pacer.reserve("incidents", "a-2"))
        .isEqualTo(new ChannelPacer.Turn(true, Duration.ofSeconds(1)));
    assertThat(pacer.reserve("incidents", "a-3"))
        .isEqualTo(new ChannelPacer.Turn(true, Duration.ofSeconds(2)));
    assertThat(pacer.reserve("inc-20261123-1-db", "m-1"))
        .isEqualTo(new ChannelPacer.Turn(true, Duration.ZERO));
  }

  @Test
  void aQuietChannelTakesABurstAtOnceThenSpacesPosts() {
    ChannelPacer pacer =
        new ChannelPacer(
            Duration.ofSeconds(1), 3, Duration.ofSeconds(5), Clock.fixed(T0, ZoneOffset.UTC));

    for (int i = 0; i < 3; i++) {
      assertThat(pacer.reserve("inc-20261123-1-db", "m-" + i))
          .isEqualTo(new ChannelPacer.Turn(true, Duration.ZERO));
    }
    assertThat(pacer.reserve("inc-20261123-1-db", "m-3"))
        .isEqualTo(new ChannelPacer.Turn(true, Duration.ofSeconds(1)));
    assertThat(pacer.reserve("inc-20261123-1-db", "m-4"))
        .isEqualTo(new ChannelPacer.Turn(true, Duration.ofSeconds(2)));
  }

  @Test
  void aTurnFurtherOffThanTheLongestWaitIsRefusedAndBookedForItsMessage() {
    SettableClock clock = new SettableClock(T0);
    ChannelPacer pacer = new ChannelPacer(Duration.ofSeconds(1), 1, Duration.ofSeconds(2), clock);
    for (int i = 0; i < 3; i++) {
      assertThat(pacer.reserve("incidents", "a-" + i).admitted()).isTrue();
    }

    ChannelPacer.Turn refused = pacer.reserve("incidents", "a-3");

    assertThat(refused).isEqualTo(new ChannelPacer.Turn(false, Duration.ofSeconds(3)));
    assertThat(pacer.isHeldBack("a-3")).isTrue();
    assertThat(pacer.reserve("incidents", "a-3"))
        .as("asked again: the same turn")
        .isEqualTo(refused);
    assertThat(pacer.reserve("incidents", "a-4"))
        .as("the next message queues behind it")
        .isEqualTo(new ChannelPacer.Turn(false, Duration.ofSeconds(4)));

    clock.set(T0.plusSeconds(2));

    assertThat(pacer.reserve("incidents", "a-3"))
        .isEqualTo(new ChannelPacer.Turn(true, Duration.ofSeconds(1)));
    assertThat(pacer.isHeldBack("a-3")).isFalse();
  }

  /**
   * A storm that opens more rooms at once than the pruning threshold keeps them all (they are
   * live), and the rooms it forgets once their slots lapse and the map has grown again.
   */
  @Test
  void liveSlotsAreKeptAndLapsedOnesDroppedAsTheMapGrows() {
    SettableClock clock = new SettableClock(T0);
    ChannelPacer pacer = new ChannelPacer(Duration.ofSeconds(1), 1, Duration.ofSeconds(5), clock);
    for (int i = 0; i < 1500; i++) {
      pacer.reserve("inc-storm-" + i, "m-" + i);
    }
    int whileLive = pacer.channelsTracked();

    clock.set(T0.plusSeconds(10));
    for (int i = 0; i < 1600; i++) {
      pacer.reserve("inc-later-" + i, "n-" + i);
    }

    assertThat(whileLive).isEqualTo(1500);
    assertThat(pacer.channelsTracked()).as("only the later storm's rooms").isEqualTo(1600);
    assertThat(pacer.reserve("inc-later-0", "n-again"))
        .as("a pruned map still paces the channels it keeps")
        .isEqualTo(new ChannelPacer.Turn(true, Duration.ofSeconds(1)));
  }

  @Test
  void aChannelQuietForLongerThanTheIntervalPostsAtOnce() {
    SettableClock clock = new SettableClock(T0);
    ChannelPacer pacer = new ChannelPacer(Duration.ofSeconds(1), 1, Duration.ofSeconds(5), clock);
    pacer.reserve("incidents", "a-1");
    pacer.reserve("incidents", "a-2");

    clock.set(T0.plusSeconds(3));

    assertThat(pacer.reserve("incidents", "a-3"))
        .isEqualTo(new ChannelPacer.Turn(true, Duration.ZERO));
  }
}
