package dev.firebreak.starter.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DeliveryIdsTest {

  @Test
  void anIdIsClaimedOnceUntilItsHandlingFailsAndItIsGivenBack() {
    DeliveryIds ids = new DeliveryIds();

    assertThat(ids.claim("w-1")).isTrue();
    assertThat(ids.claim("w-1")).as("PagerDuty's second attempt").isFalse();
    ids.release("w-1");
    assertThat(ids.claim("w-1")).as("the retry of a failed delivery").isTrue();
  }

  @Test
  void memoryIsBoundedAndTheOldestIdsAreForgottenFirst() {
    DeliveryIds ids = new DeliveryIds(3);
    IntStream.rangeClosed(1, 4).forEach(i -> ids.claim("w-" + i));

    assertThat(ids.claim("w-4")).isFalse();
    assertThat(ids.claim("w-3")).isFalse();
    assertThat(ids.claim("w-1")).as("forgotten: the oldest of four in room for three").isTrue();
  }
}
