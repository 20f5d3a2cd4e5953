package dev.firebreak.starter.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IncidentIdsTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC);

  @Test
  void idsCountUpWithinTheUtcDay() {
    IncidentIds ids = new IncidentIds(CLOCK);

    assertThat(ids.next()).isEqualTo("INC-20261123-1");
    assertThat(ids.next()).isEqualTo("INC-20261123-2");
    assertThat(new IncidentIds(CLOCK, "MW").next()).isEqualTo("MW-20261123-1");
  }

  @Test
  void idsCarryOnAfterTheHighestAnEarlierRunIssuedAndRecordEveryOneTheyHandOut() {
    java.util.Map<String, Integer> kept =
        new java.util.HashMap<>(java.util.Map.of("INC-20261123-", 41));
    IssuedIds issued =
        new IssuedIds() {
          @Override
          public int highest(String dayPrefix) {
            return kept.getOrDefault(dayPrefix, 0);
          }

          @Override
          public void issued(String dayPrefix, int number) {
            kept.put(dayPrefix, number);
          }
        };

    IncidentIds ids = new IncidentIds(CLOCK, "INC", issued);

    assertThat(ids.next()).isEqualTo("INC-20261123-42");
    assertThat(ids.next()).isEqualTo("INC-20261123-43");
    assertThat(new IncidentIds(CLOCK, "INC", issued).next()).isEqualTo("INC-20261123-44");
  }

  @Test
  void aThousandIdsInUseAreSkippedWithAFewLookups() {
    IncidentIds ids = new IncidentIds(CLOCK);
    Set<String> used =
        IntStream.rangeClosed(1, 1000)
            .mapToObj(n -> "INC-20261123-" + n)
            .collect(Collectors.toSet());
    List<String> lookedUp = new ArrayList<>();
    Predicate<String> taken = id -> lookedUp.add(id) && used.contains(id);

    ids.skipTaken(ids.next(), taken);

    assertThat(ids.next()).isEqualTo("INC-20261123-1001");
    assertThat(lookedUp).hasSizeLessThanOrEqualTo(2 * 10 + 2);
  }

  @Test
  void theNextFreeIdMayFollowAGapButIsNeverInUse() {
    IncidentIds ids = new IncidentIds(CLOCK);
    Set<String> used =
        Set.of("INC-20261123-1", "INC-20261123-2", "INC-20261123-3", "INC-20261123-5");

    ids.skipTaken(ids.next(), used::contains);

    assertThat(ids.next()).isNotIn(used).isIn("INC-20261123-4", "INC-20261123-6");
  }

  @Test
  void aRefusalTheCounterHasAlreadyPassedMovesNothing() {
    IncidentIds ids = new IncidentIds(CLOCK);
    String refused = ids.next();
    ids.next();
    ids.next();

    ids.skipTaken(refused, id -> true);

    assertThat(ids.next()).isEqualTo("INC-20261123-4");
  }

  @Test
  void aRefusalUnderAnotherDaysDateMovesNothing() {
    IncidentIds ids = new IncidentIds(CLOCK);
    ids.next();

    ids.skipTaken("INC-20261122-1", id -> true);

    assertThat(ids.next()).isEqualTo("INC-20261123-2");
  }
}
