package dev.firebreak.starter.alerts;

import static dev.firebreak.starter.alerts.AlertJournalTest.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertDrainerTest {

  @TempDir Path directory;

  @Test
  void aDeliveryThatFailsIsTriedAgainUntilItSucceedsAndOnlyThenLeavesTheJournal() {
    AtomicInteger attempts = new AtomicInteger();
    List<String> delivered = Collections.synchronizedList(new ArrayList<>());
    try (AlertJournal journal = AlertJournal.open(directory);
        AlertDrainer drainer =
            AlertDrainer.start(
                journal,
                alert -> {
                  if (attempts.incrementAndGet() <= 3) {
                    throw new IllegalStateException("Temporal is unavailable");
                  }
                  delivered.add(alert.alert().fingerprint());
                })) {
      drainer.submit(journal.append(List.of(alert("a", true))));

      await().atMost(Duration.ofSeconds(10)).until(() -> journal.outstanding() == 0);

      assertThat(delivered).containsExactly("a");
      assertThat(attempts).hasValue(4);
    }
    try (AlertJournal reopened = AlertJournal.open(directory)) {
      assertThat(reopened.pending()).isEmpty();
    }
  }

  @Test
  void oneIncidentsAlertsArriveInTheOrderTheyWereAccepted() {
    List<String> arrived = Collections.synchronizedList(new ArrayList<>());
    try (AlertJournal journal = AlertJournal.open(directory);
        AlertDrainer drainer =
            AlertDrainer.start(
                journal, alert -> arrived.add(alert.alert().firing() ? "firing" : "resolved"))) {
      List<JournaledAlert> alerts = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        alerts.add(alert("same", i % 2 == 0));
      }
      drainer.submit(journal.append(alerts));

      await().atMost(Duration.ofSeconds(10)).until(() -> arrived.size() == 50);

      for (int i = 0; i < 50; i++) {
        assertThat(arrived.get(i)).isEqualTo(i % 2 == 0 ? "firing" : "resolved");
      }
    }
  }

  @Test
  void whatALastRunLeftUndeliveredIsDeliveredAtStart() {
    try (AlertJournal journal = AlertJournal.open(directory)) {
      journal.append(List.of(alert("left", true), alert("behind", true)));
    }
    List<String> delivered = Collections.synchronizedList(new ArrayList<>());
    AlertJournal journal = AlertJournal.open(directory);
    AlertDrainer drainer =
        AlertDrainer.start(journal, alert -> delivered.add(alert.alert().fingerprint()));
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> journal.outstanding() == 0);
      assertThat(delivered).containsExactlyInAnyOrder("left", "behind");
    } finally {
      drainer.close();
      journal.close();
    }
  }
}
