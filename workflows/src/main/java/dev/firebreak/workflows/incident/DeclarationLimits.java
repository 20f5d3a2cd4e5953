package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.common.Clip;
import java.util.Objects;

/**
 * The limits an incident's declaration keeps, whichever way it was declared. They live with the
 * domain records rather than in the starter because jobs and maintenance windows declare from
 * inside a workflow ({@link ChildIncident}), where no starter service can be called: the API and
 * Slack refuse a declaration over a limit, while an alert, a job or a window (which nobody can ask
 * for a shorter title) is fitted to it with {@link #fitted}.
 */
public final class DeclarationLimits {

  /** The longest title an incident (or a maintenance window) may have, in characters. */
  public static final int MAX_TITLE = 200;

  /** The longest commander name a declaration may carry, in characters. */
  public static final int MAX_COMMANDER = 200;

  /** Temporal shows a workflow's summary in at most this many UTF-8 bytes. */
  public static final int SUMMARY_BYTES = 200;

  private DeclarationLimits() {}

  /** Whether the title, as it will be declared (surrounding blanks removed), fits the limit. */
  public static boolean titleFits(String title) {
    return title.strip().length() <= MAX_TITLE;
  }

  /** Whether the commander, when there is one, fits the limit. */
  public static boolean commanderFits(String commander) {
    return commander == null || commander.length() <= MAX_COMMANDER;
  }

  /**
   * The declaration as it will be declared: the title without surrounding blanks and cut to its
   * limit, the commander cut to its limit. A declaration within the limits comes back unchanged.
   */
  public static Declaration fitted(Declaration d) {
    String title = fittedTitle(d.title());
    String commander = Clip.of(d.commander(), MAX_COMMANDER);
    if (Objects.equals(title, d.title()) && Objects.equals(commander, d.commander())) {
      return d;
    }
    return d.withTitleAndCommander(title, commander);
  }

  /** The title without surrounding blanks, cut to {@link #MAX_TITLE}; null stays null. */
  public static String fittedTitle(String title) {
    return title == null ? null : Clip.of(title.strip(), MAX_TITLE);
  }

  /** A workflow summary cut to what Temporal shows. */
  public static String summary(String text) {
    return Clip.utf8(text, SUMMARY_BYTES);
  }
}
