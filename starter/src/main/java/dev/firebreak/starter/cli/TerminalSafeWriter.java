package dev.firebreak.starter.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * What the CLI prints, minus what a terminal would obey instead of show. Titles, updates and names
 * come from whoever used the API, and an escape sequence in them could recolour, move the cursor,
 * retitle the window or rewrite earlier lines; a carriage return overprints the line; bidi
 * overrides show text in another order than it is. So control characters are dropped, except line
 * feeds, tabs and the carriage return of a CRLF line end, and so are the bidi formatting marks.
 */
final class TerminalSafeWriter extends FilterWriter {

  private TerminalSafeWriter(Writer out) {
    super(out);
  }

  /** {@code out} behind the filter; println flushes, as picocli's own writers do. */
  static PrintWriter around(PrintWriter out) {
    return new PrintWriter(new TerminalSafeWriter(out), true);
  }

  @Override
  public void write(int c) throws IOException {
    if (!unsafe((char) c, false)) {
      out.write(c);
    }
  }

  @Override
  public void write(char[] chars, int off, int len) throws IOException {
    write(new String(chars, off, len), 0, len);
  }

  @Override
  public void write(String text, int off, int len) throws IOException {
    StringBuilder shown = new StringBuilder(len);
    for (int i = off; i < off + len; i++) {
      char c = text.charAt(i);
      boolean lineEnd = i + 1 < off + len && text.charAt(i + 1) == '\n';
      if (!unsafe(c, lineEnd)) {
        shown.append(c);
      }
    }
    out.write(shown.toString());
  }

  private static boolean unsafe(char c, boolean followedByLineFeed) {
    if (c == '\n' || c == '\t' || (c == '\r' && followedByLineFeed)) {
      return false;
    }
    return Character.isISOControl(c) || isBidiControl(c);
  }

  /** The marks, embeddings, overrides and isolates of Unicode's bidirectional algorithm. */
  private static boolean isBidiControl(char c) {
    return c == '\u061C'
        || c == '\u200E'
        || c == '\u200F'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
  }
}
