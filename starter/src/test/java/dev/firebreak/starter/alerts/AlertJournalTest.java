package dev.firebreak.starter.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.workflows.incident.AlertReceived;
import dev.firebreak.workflows.incident.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertJournalTest {

  @TempDir Path directory;

  static JournaledAlert alert(String fingerprint, boolean firing) {
    return new JournaledAlert(
        0,
        "ALERT-" + fingerprint,
        "checkout",
        1_700_000_000_000L,
        "alertmanager",
        new AlertReceived(
            "alertmanager",
            fingerprint,
            firing,
            "High error rate",
            Severity.P1,
            "detail",
            "{\"labels\":{}}",
            true));
  }

  @Test
  void everyAcceptedAlertNotMarkedDeliveredIsPendingAfterTheProcessStopsWithoutClosing() {
    AlertJournal first = AlertJournal.open(directory);
    List<JournaledAlert> written =
        first.append(List.of(alert("a", true), alert("b", true), alert("a", false)));
    first.delivered(written.get(1));
    // The journal buffers nothing, so closing it adds nothing a killed process would have written:
    // it only releases the lock, as the kernel does for a dead process.
    first.close();

    AlertJournal reopened = AlertJournal.open(directory);

    assertThat(reopened.pending())
        .containsExactly(written.get(0), written.get(2))
        .extracting(JournaledAlert::alert)
        .containsExactly(alert("a", true).alert(), alert("a", false).alert());
    assertThat(reopened.outstanding()).isEqualTo(2);
    reopened.close();
  }

  @Test
  void numbersAreUniqueAcrossConcurrentAppendsAndRestarts() throws Exception {
    AlertJournal journal = AlertJournal.open(directory);
    ExecutorService senders = Executors.newFixedThreadPool(8);
    List<Future<List<JournaledAlert>>> appends =
        IntStream.range(0, 200)
            .mapToObj(i -> senders.submit(() -> journal.append(List.of(alert("f" + i, true)))))
            .toList();
    long distinct = 0;
    for (Future<List<JournaledAlert>> append : appends) {
      distinct += append.get().size();
    }
    senders.shutdown();
    journal.close();

    AlertJournal reopened = AlertJournal.open(directory);
    JournaledAlert next = reopened.append(List.of(alert("later", true))).get(0);

    assertThat(reopened.pending()).hasSize(200);
    assertThat(reopened.pending().stream().map(JournaledAlert::seq).distinct()).hasSize(200);
    assertThat(distinct).isEqualTo(200);
    assertThat(next.seq()).isGreaterThan(200);
    reopened.close();
  }

  @Test
  void aLineCutShortByACrashIsSkippedAndTheRestIsKept() throws IOException {
    AlertJournal journal = AlertJournal.open(directory);
    JournaledAlert kept = journal.append(List.of(alert("kept", true))).get(0);
    journal.close();
    Files.writeString(
        directory.resolve(AlertJournal.JOURNAL_FILE),
        "{\"seq\":2,\"incidentId\":\"ALE",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    AlertJournal reopened = AlertJournal.open(directory);

    assertThat(reopened.pending()).containsExactly(kept);
    reopened.close();
  }

  @Test
  void aFullyDeliveredJournalStartsAgainEmptyAndKeepsNumbering() throws IOException {
    AlertJournal journal = AlertJournal.open(directory);
    JournaledAlert large =
        new JournaledAlert(
            0,
            "ALERT-big",
            "checkout",
            0,
            "generic",
            new AlertReceived(
                "generic", "big", true, "t", Severity.P1, "d", "x".repeat(64 * 1024), true));
    List<JournaledAlert> written =
        journal.append(IntStream.range(0, 70).mapToObj(i -> alert("big", true)).toList());
    List<JournaledAlert> bigOnes = journal.append(List.of(large, large, large, large, large));
    for (int i = 0; i < 60; i++) {
      journal.append(List.of(large));
    }
    assertThat(Files.size(directory.resolve(AlertJournal.JOURNAL_FILE)))
        .isGreaterThan(AlertJournal.COMPACT_BYTES);
    long outstanding = journal.outstanding();
    JournaledAlert last = null;
    for (long i = 0; i < outstanding; i++) {
      last = new JournaledAlert(i + 1, "x", "x", 0, "x", large.alert());
      journal.delivered(last);
    }
    JournaledAlert after = journal.append(List.of(alert("after", true))).get(0);
    journal.close();

    assertThat(Files.size(directory.resolve(AlertJournal.JOURNAL_FILE)))
        .isLessThan(AlertJournal.COMPACT_BYTES / 100);
    assertThat(after.seq())
        .isGreaterThan(bigOnes.get(4).seq())
        .isGreaterThan(written.get(69).seq());
    AlertJournal reopened = AlertJournal.open(directory);
    assertThat(reopened.pending()).containsExactly(after);
    reopened.close();
  }

  @Test
  void twoApisCannotShareOneJournal() {
    AlertJournal first = AlertJournal.open(directory);
    assertThatThrownBy(() -> AlertJournal.open(directory))
        .hasMessageContaining("in use by another Firebreak API");
    first.close();
  }
}
