package dev.firebreak.activities.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ChannelPacerTest {

  private static final Instant T0 = Instant.parse("2026-11-23T11:30:00Z");

  @Test
  void postsToOneChannelAreSpacedByTheIntervalWhileOtherChannelsGoAtOnce() {
    ChannelPacer pacer = new ChannelPacer(Duration.ofSeconds(1), 1, Duration.ofSeconds(5), Clock.fixed(T0, ZoneOffset.UTC));

    assertThat(pacer.reserve("incidents")).isEqualTo(new ChannelPacer.Turn(true, Duration.ZERO));
    assertThat(pacer.reserve("incidents")).isEqualTo(new ChannelPacer.Turn(true, Duration.ofSeconds(1)));
    assertThat(pacer.reserve("incidents")).isEqualTo(new ChannelPacer.Turn(true, Duration.ofSeconds(2)));
    assertThat(pacer.reserve("inc-20261123-1-db")).isEqualTo(new ChannelPacer.Turn(true, Duration.ZERO));
  }

  @Test
  void aQuietChannelTakesABurstAtOnceThenSpacesPosts() {
    ChannelPacer pacer = new ChannelPacer(Duration.ofSeconds(1), 3, Duration.ofSeconds(5), Clock.fixed(T0, ZoneOffset.UTC));

    for (int i = 0; i < 3; i++) {
      assertThat(pacer.reserve("inc-20261123-1-db")).isEqualTo(new ChannelPacer.Turn(true, Duration.ZERO));
    }
    assertThat(pacer.reserve("inc-20261123-1-db")).isEqualTo(new ChannelPacer.Turn(true, Duration.ofSeconds(1)));
    assertThat(pacer.reserve("inc-20261123-1-db")).isEqualTo(new ChannelPacer.Turn(true, Duration.ofSeconds(2)));
  }

  @Test
  void aTurnFurtherOffThanTheLongestWaitIsRefusedAndTakesNoSlot() {
    ChannelPacer pacer = new ChannelPacer(Duration.ofSeconds(1), 1, Duration.ofSeconds(2), Clock.fixed(T0, ZoneOffset.UTC));
    for (int i = 0; i < 3; i++) {
      assertThat(pacer.reserve("incidents").admitted()).isTrue();
    }

    ChannelPacer.Turn refused = pacer.reserve("incidents");

    assertThat(refused).isEqualTo(new ChannelPacer.Turn(false, Duration.ofSeconds(3)));
    assertThat(pacer.reserve("incidents")).isEqualTo(refused);
  }

  @Test
  void aChannelQuietForLongerThanTheIntervalPostsAtOnce() {
    SettableClock clock = new SettableClock(T0);
    ChannelPacer pacer = new ChannelPacer(Duration.ofSeconds(1), 1, Duration.ofSeconds(5), clock);
    pacer.reserve("incidents");
    pacer.reserve("incidents");

    clock.now = T0.plusSeconds(3);

    assertThat(pacer.reserve("incidents")).isEqualTo(new ChannelPacer.Turn(true, Duration.ZERO));
  }

  private static final class SettableClock extends Clock {
    Instant now;

    SettableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
