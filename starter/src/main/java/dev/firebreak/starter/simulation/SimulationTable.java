package dev.firebreak.starter.simulation;

import java.util.ArrayList;
import java.util.List;

/**
 * A simulation as a person reads it in a terminal: a heading, one line per paged target with its
 * columns aligned, targets that reached nobody marked, and the outcome. Config strings are printed
 * as they are; the CLI's writer drops what a terminal would obey.
 */
public final class SimulationTable {

  private static final List<String> HEADINGS =
      List.of("WHEN", "LEVEL", "ROUND", "TARGET", "PERSON", "CHANNEL", "NOTE");

  private SimulationTable() {}

  public static String render(Simulation simulation) {
    StringBuilder out = new StringBuilder();
    out.append(simulation.severity())
        .append(" on ")
        .append(simulation.service())
        .append(", declared ")
        .append(simulation.declared())
        .append(" (")
        .append(simulation.timeZone())
        .append("), ")
        .append(
            simulation.ackAfter() == null
                ? "nobody acknowledges"
                : "acknowledged after " + simulation.ackAfter())
        .append('\n');
    if (simulation.pages().isEmpty()) {
      out.append("Nobody is paged.\n");
    } else {
      List<List<String>> lines = new ArrayList<>();
      lines.add(HEADINGS);
      simulation.pages().forEach(page -> lines.add(cells(page)));
      appendAligned(out, lines);
    }
    if (simulation.unreachable() > 0) {
      out.append(simulation.unreachable()).append(" page target(s) reached nobody.\n");
    }
    return out.append(simulation.outcome()).append('\n').toString();
  }

  private static List<String> cells(SimulatedPage page) {
    return List.of(
        page.local(),
        page.level() + " " + page.levelName(),
        String.valueOf(page.round()),
        page.target(),
        dash(page.person()),
        dash(page.channel()),
        page.reached() ? page.note() == null ? "" : page.note() : "UNREACHABLE: " + page.note());
  }

  private static String dash(String text) {
    return text == null ? "-" : text;
  }

  private static void appendAligned(StringBuilder out, List<List<String>> lines) {
    int[] widths = new int[HEADINGS.size()];
    for (List<String> line : lines) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    for (List<String> line : lines) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        text.append(i == widths.length - 1 ? line.get(i) : pad(line.get(i), widths[i] + 2));
      }
      out.append(text.toString().stripTrailing()).append('\n');
    }
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}
