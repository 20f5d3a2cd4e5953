package dev.firebreak.worker;

import dev.firebreak.starter.service.IssuedIds;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Dev mode's record of the ids it has handed out, one line per day and kind ({@code
 * INC-20261204-=17}), in {@code .firebreak/issued-ids.properties}. The embedded server forgets
 * every incident when it stops, but the Slack rooms and PagerDuty alerts named after them do not: a
 * restarted dev mode carries on numbering after the last id of the day instead of reusing it.
 * Written at every id (dev mode declares a handful a minute), so even {@code kill -9} loses none.
 */
final class DevIssuedIds implements IssuedIds {

  static final String FILE = "issued-ids.properties";

  private final Path file;
  private final Properties highest = new Properties();

  private DevIssuedIds(Path file) {
    this.file = file;
  }

  /** Reads what earlier runs left in {@code directory} (created if missing). */
  static DevIssuedIds in(Path directory) {
    DevIssuedIds ids = new DevIssuedIds(directory.resolve(FILE));
    try {
      Files.createDirectories(directory);
      if (Files.exists(ids.file)) {
        try (Reader reader = Files.newBufferedReader(ids.file, StandardCharsets.UTF_8)) {
          ids.highest.load(reader);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read dev mode's issued ids in " + ids.file, e);
    }
    return ids;
  }

  @Override
  public synchronized int highest(String dayPrefix) {
    return Integer.parseInt(highest.getProperty(dayPrefix, "0"));
  }

  @Override
  public synchronized void issued(String dayPrefix, int number) {
    if (number <= highest(dayPrefix)) {
      return;
    }
    // Only the current day matters: an id carries its date, so other days' numbers can never
    // collide.
    highest
        .keySet()
        .removeIf(
            key ->
                !key.toString()
                    .substring(key.toString().indexOf('-') + 1)
                    .equals(dayPrefix.substring(dayPrefix.indexOf('-') + 1)));
    highest.setProperty(dayPrefix, Integer.toString(number));
    write();
  }

  private void write() {
    Path next = file.resolveSibling(FILE + ".next");
    try {
      try (Writer writer = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
        highest.store(
            writer, "Highest id dev mode issued today, by kind; see README (dev mode restarts)");
      }
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not record dev mode's issued ids in " + file, e);
    }
  }
}
