package dev.firebreak.activities.http;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Blanks out what looks like a credential in text that leaves the worker: response excerpts go to
 * workflow history, the timeline, Slack, mail and the status page, and an endpoint may answer with
 * a token in its error page or echo the request's {@code Authorization} header back. Redacting too
 * much only costs a word of an excerpt; redacting too little publishes a secret, so the patterns
 * err on the side of blanking. {@code ${ENV}} references are names, not values, and are kept.
 */
public final class CredentialRedactor {

  public static final String REDACTED = "[redacted]";

  /** Whole tokens whose shape gives them away, wherever they stand. */
  private static final List<Pattern> TOKENS =
      List.of(
          Pattern.compile(
              "-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)"),
          Pattern.compile("\\bxox[abposre]-[A-Za-z0-9-]+"),
          Pattern.compile("\\bxapp-[A-Za-z0-9-]+"),
          Pattern.compile("\\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]+"),
          Pattern.compile("\\bwhsec_[A-Za-z0-9+/=]+"),
          Pattern.compile("\\b(?:gh[pousr]_|github_pat_)[A-Za-z0-9_]+"),
          Pattern.compile("\\bAKIA[0-9A-Z]{16}\\b"),
          Pattern.compile("\\bAIza[0-9A-Za-z_-]{30,}"),
          Pattern.compile("\\bSG\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}"),
          Pattern.compile("\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"));

  /** The password of a URL's user info: {@code postgres://app:hunter2@db}. */
  private static final Pattern USER_INFO =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://[^:/@\\s]+:)(?!\\$\\{)[^@\\s/]+(@)");

  /** An authentication scheme and its credentials: {@code Bearer abc…}, {@code Basic dXNl…}. */
  private static final Pattern SCHEME =
      Pattern.compile("(?i)\\b(bearer|basic|token|digest)(\\s+)(?!\\$\\{)[A-Za-z0-9._~+/=:-]{6,}");

  /** A header that carries credentials, as a line, a JSON field or a form field. */
  private static final Pattern HEADER =
      Pattern.compile(
          "(?i)\\b((?:proxy-)?authorization|cookie|set-cookie|x-api-key|api-key)(\"?\\s*[:=]\\s*\"?)(?!\\$\\{)([^\"\\r\\n]+?)(?=\"|\\r|\\n|$)");

  /**
   * {@code token=…}, {@code "client_secret": "…"}, {@code ?key=…}: a value under a credential's
   * name.
   */
  private static final Pattern NAMED_VALUE =
      Pattern.compile(
          "(?i)([\\w.-]*(?:token|secret|passw(?:or)?d|pwd|api[_-]?key|apikey|access[_-]?key|private[_-]?key|signature"
              + "|credentials?|auth|\\bkey|\\bsig)[\\w.-]*)(\"?\\s*[:=]\\s*\"?)(?!\\$\\{|\\[redacted])([^\\s\"&,;}<>']+)");

  /** Long hex (API keys, HMACs) and long base64/base64url runs that mix letters and digits. */
  private static final Pattern LONG_STRING =
      Pattern.compile(
          "\\b[0-9a-fA-F]{32,}\\b|(?<![A-Za-z0-9+_-])(?=[A-Za-z0-9+_-]*[0-9])(?=[A-Za-z0-9+_-]*[A-Za-z])[A-Za-z0-9+_-]{40,}={0,2}");

  private CredentialRedactor() {}

  /**
   * The text with every credential-looking part replaced by {@value #REDACTED}; null stays null.
   */
  public static String redact(String text) {
    return redact(text, List.of());
  }

  /**
   * Also replaces these exact values wherever they occur: the secrets the request was sent with,
   * which an endpoint may echo back in any shape.
   */
  public static String redact(String text, Collection<String> knownSecrets) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String out = text;
    for (String secret : knownSecrets) {
      if (secret != null && secret.length() >= 4) {
        out = out.replace(secret, REDACTED);
      }
    }
    for (Pattern token : TOKENS) {
      out = token.matcher(out).replaceAll(REDACTED);
    }
    out = USER_INFO.matcher(out).replaceAll("$1" + Matcher.quoteReplacement(REDACTED) + "$2");
    out = SCHEME.matcher(out).replaceAll("$1$2" + Matcher.quoteReplacement(REDACTED));
    out = HEADER.matcher(out).replaceAll("$1$2" + Matcher.quoteReplacement(REDACTED));
    out = NAMED_VALUE.matcher(out).replaceAll("$1$2" + Matcher.quoteReplacement(REDACTED));
    return LONG_STRING.matcher(out).replaceAll(REDACTED);
  }
}
