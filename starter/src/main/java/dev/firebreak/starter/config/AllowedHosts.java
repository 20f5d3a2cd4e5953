package dev.firebreak.starter.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hosts an admin's ad-hoc HTTP step may call: those the config already names (the services'
 * health URLs, the APIs of the configured providers) and {@code maintenance.allowedHosts}. An
 * ad-hoc step carries no secret (its {@code ${…}} is literal text), so this is about where the
 * worker may be pointed at all: not at an internal address nobody wrote into the runbook.
 */
public final class AllowedHosts {

  /** {@code host} or {@code host:port}, as {@code maintenance.allowedHosts} lists them. */
  static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9._-]+(:[0-9]{1,5})?");

  /** Scheme, host and port of an http(s) URL; user info is refused (nothing ad hoc logs in). */
  private static final Pattern URL =
      Pattern.compile("(?i)(https?)://([A-Za-z0-9._-]+)(?::([0-9]{1,5}))?(?=[/?#]|$)");

  /** {@code host:port} entries match exactly; a bare host matches it on any port. */
  private final Set<String> entries;

  private AllowedHosts(Set<String> entries) {
    this.entries = entries;
  }

  public static AllowedHosts of(FirebreakConfig config) {
    Set<String> entries = new TreeSet<>();
    config.services().stream()
        .filter(s -> s != null && s.healthUrl() != null)
        .forEach(s -> authorityOf(s.healthUrl()).ifPresent(entries::add));
    ProvidersConfig p = config.providers();
    addProvider(entries, p.slack(), "slack.com");
    addProvider(entries, p.pagerduty(), "events.pagerduty.com");
    addProvider(entries, p.statuspage(), "api.statuspage.io");
    addProvider(entries, p.vercel(), "api.vercel.com");
    addProvider(entries, p.render(), "api.render.com");
    addProvider(entries, p.twilio(), "api.twilio.com");
    addProvider(entries, p.sendgrid(), "api.sendgrid.com");
    addProvider(entries, p.stripe(), "api.stripe.com");
    addProvider(entries, p.sentry(), "sentry.io");
    config.maintenance().allowedHosts().stream()
        .filter(h -> h != null && ENTRY.matcher(h).matches())
        .forEach(h -> entries.add(h.toLowerCase(Locale.ROOT)));
    return new AllowedHosts(entries);
  }

  private static void addProvider(Set<String> entries, Object section, String apiHost) {
    if (section != null) {
      entries.add(apiHost + ":443");
    }
  }

  /** Whether the URL is http(s) and its host (and port) is one of these. */
  public boolean allows(String url) {
    return authorityOf(url)
        .filter(
            authority ->
                entries.contains(authority)
                    || entries.contains(authority.substring(0, authority.lastIndexOf(':'))))
        .isPresent();
  }

  /** The entries, sorted, for a refusal to name. */
  public String describe() {
    return entries.isEmpty() ? "none" : String.join(", ", entries);
  }

  /**
   * {@code host:port} of an http(s) URL (the scheme's port when it names none); empty for anything
   * else. Read by hand rather than by {@link java.net.URI}, which refuses a URL whose query holds
   * {@code ${…}} although the HTTP client sends it (percent-encoded).
   */
  public static Optional<String> authorityOf(String url) {
    Matcher m = url == null ? null : URL.matcher(url.strip());
    if (m == null || !m.lookingAt()) {
      return Optional.empty();
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    String port = m.group(3) != null ? m.group(3) : scheme.equals("https") ? "443" : "80";
    return Optional.of(m.group(2).toLowerCase(Locale.ROOT) + ":" + Integer.parseInt(port));
  }
}
