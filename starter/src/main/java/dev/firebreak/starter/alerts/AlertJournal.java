package dev.firebreak.starter.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's durable record of the alerts it has accepted and not yet delivered: {@code
 * alerts.jsonl} holds one {@link JournaledAlert} a line, forced to the disk before the sender hears
 * 202, and {@code delivered.log} the numbers of those delivered since. What the first holds and the
 * second does not is delivered again after a restart ({@link #pending()}).
 *
 * <p>Concurrent appends share one force of the file (a group commit), so the disk's flush rate
 * bounds the requests a second rather than the alerts. The delivered marks are written but not
 * forced: a killed process loses nothing the kernel holds, and a power cut that loses a mark only
 * delivers that alert again, which its incident counts as one more repeat of the alert and never
 * declares twice (signal-with-start by the fingerprint's id). Once every alert is delivered and the
 * journal has grown past {@link #COMPACT_BYTES}, both files start empty again.
 */
public final class AlertJournal implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AlertJournal.class);

  static final String JOURNAL_FILE = "alerts.jsonl";
  static final String DELIVERED_FILE = "delivered.log";
  static final long COMPACT_BYTES = 4L * 1024 * 1024;

  private final ObjectMapper json = new ObjectMapper();
  private final Path directory;
  private final FileChannel journal;
  private final FileChannel delivered;
  private final List<JournaledAlert> pending;
  private final Object writeLock = new Object();
  private final Object forceLock = new Object();
  private long nextSeq;
  private long outstanding;
  private long appends;
  private long forcedAppends;

  private AlertJournal(
      Path directory,
      FileChannel journal,
      FileChannel delivered,
      List<JournaledAlert> pending,
      long nextSeq) {
    this.directory = directory;
    this.journal = journal;
    this.delivered = delivered;
    this.pending = pending;
    this.nextSeq = nextSeq;
    this.outstanding = pending.size();
  }

  /** Opens the journal in the directory (creating it), reading what a last run left undelivered. */
  public static AlertJournal open(Path directory) {
    try {
      Files.createDirectories(directory);
      Path journalFile = directory.resolve(JOURNAL_FILE);
      Path deliveredFile = directory.resolve(DELIVERED_FILE);
      ObjectMapper reader = new ObjectMapper();
      long highest = 0;
      Set<Long> done = new HashSet<>();
      if (Files.exists(deliveredFile)) {
        for (String line : Files.readAllLines(deliveredFile, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          try {
            long seq = Long.parseLong(line.trim());
            done.add(seq);
            highest = Math.max(highest, seq);
          } catch (NumberFormatException torn) {
            // A mark cut short by a crash: its alert is delivered again, which is harmless.
          }
        }
      }
      List<JournaledAlert> pending = new ArrayList<>();
      if (Files.exists(journalFile)) {
        for (String line : Files.readAllLines(journalFile, StandardCharsets.UTF_8)) {
          if (line.isBlank()) {
            continue;
          }
          JournaledAlert entry;
          try {
            entry = reader.readValue(line, JournaledAlert.class);
          } catch (JsonProcessingException torn) {
            // Only the last line can be cut short (a crash while writing it), and its sender never
            // heard 202: it sends the alert again.
            log.warn("Alert journal {}: skipping an incomplete line", journalFile);
            continue;
          }
          highest = Math.max(highest, entry.seq());
          if (!done.contains(entry.seq())) {
            pending.add(entry);
          }
        }
      }
      FileChannel journal = append(journalFile);
      if (!locked(journal)) {
        journal.close();
        throw new IllegalStateException(
            "The alert journal in "
                + directory
                + " is in use by another Firebreak API; give each API its own directory");
      }
      FileChannel delivered = append(deliveredFile);
      if (!pending.isEmpty()) {
        log.info(
            "Alert journal {}: {} accepted alert(s) not yet delivered; delivering them now",
            directory,
            pending.size());
      }
      return new AlertJournal(directory, journal, delivered, pending, highest + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Could not open the alert journal in " + directory + ": " + e.getMessage(), e);
    }
  }

  private static boolean locked(FileChannel channel) throws IOException {
    try {
      return channel.tryLock() != null;
    } catch (OverlappingFileLockException sameJvm) {
      return false;
    }
  }

  private static FileChannel append(Path file) throws IOException {
    return FileChannel.open(
        file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
  }

  Path directory() {
    return directory;
  }

  /** What the last run accepted and did not deliver, oldest first. */
  public List<JournaledAlert> pending() {
    return List.copyOf(pending);
  }

  /**
   * Writes the alerts (their {@code seq} is assigned here) and returns once they are on the disk.
   */
  public List<JournaledAlert> append(List<JournaledAlert> alerts) {
    List<JournaledAlert> numbered = new ArrayList<>(alerts.size());
    long mine;
    try {
      synchronized (writeLock) {
        StringBuilder lines = new StringBuilder();
        for (JournaledAlert alert : alerts) {
          JournaledAlert entry = alert.withSeq(nextSeq++);
          numbered.add(entry);
          lines.append(json.writeValueAsString(entry)).append('\n');
        }
        writeFully(journal, lines.toString());
        outstanding += numbered.size();
        mine = ++appends;
      }
      force(mine);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the alert journal: " + e.getMessage(), e);
    }
    return numbered;
  }

  /** One force covers every append written before it started, so concurrent senders share it. */
  private void force(long mine) throws IOException {
    synchronized (forceLock) {
      if (forcedAppends >= mine) {
        return;
      }
      long covered;
      synchronized (writeLock) {
        covered = appends;
      }
      journal.force(false);
      forcedAppends = covered;
    }
  }

  /** Notes that the alert reached its incident, so a restart does not deliver it again. */
  public void delivered(JournaledAlert alert) {
    try {
      synchronized (writeLock) {
        writeFully(delivered, alert.seq() + "\n");
        outstanding--;
        if (outstanding == 0 && journal.size() > COMPACT_BYTES) {
          // The journal first: should the process die between the two, the marks left behind
          // name
          // numbers that are never given out again (numbering goes on from the highest of both).
          journal.truncate(0);
          journal.force(true);
          delivered.truncate(0);
        }
      }
    } catch (IOException e) {
      // The alert is delivered; a lost mark only delivers it again after a restart.
      log.warn("Could not mark alert {} delivered in the journal: {}", alert.seq(), e.getMessage());
    }
  }

  /** Alerts accepted and not yet delivered. */
  public long outstanding() {
    synchronized (writeLock) {
      return outstanding;
    }
  }

  private static void writeFully(FileChannel channel, String text) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  @Override
  public void close() {
    try {
      journal.close();
      delivered.close();
    } catch (IOException e) {
      log.warn("Closing the alert journal failed: {}", e.getMessage());
    }
  }
}
