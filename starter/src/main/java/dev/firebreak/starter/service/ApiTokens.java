package dev.firebreak.starter.service;

import dev.firebreak.starter.config.ApiTokenConfig;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.SecretResolver;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer tokens the API accepts. Tokens are kept and compared as SHA-256 digests with {@link
 * MessageDigest#isEqual}, and every token is compared, so timing reveals neither a token's prefix
 * nor its length nor which entry matched.
 */
public final class ApiTokens {

  private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);

  private record Entry(byte[] digest, ApiCaller caller) {}

  private final List<Entry> entries;

  private ApiTokens(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static ApiTokens none() {
    return new ApiTokens(List.of());
  }

  /**
   * The config's tokens with their secrets resolved; a token whose variable is unset is left out
   * (and logged).
   */
  public static ApiTokens fromConfig(FirebreakConfig config, SecretResolver secrets) {
    ApiTokens tokens = none();
    for (ApiTokenConfig token : config.api().tokens()) {
      Optional<String> secret = secrets.resolve(token.token());
      if (secret.isEmpty()) {
        log.warn("API token '{}' disabled: {} is not set", token.name(), token.token());
        continue;
      }
      tokens =
          tokens.with(
              secret.get(),
              new ApiCaller(
                  token.name(), Set.copyOf(token.roles().stream().map(Role::of).toList())));
    }
    return tokens;
  }

  /** These tokens plus one more, for example {@code dev-token} as admin in dev mode. */
  public ApiTokens with(String token, ApiCaller caller) {
    List<Entry> more = new ArrayList<>(entries);
    more.add(new Entry(digest(token), caller));
    return new ApiTokens(more);
  }

  public Optional<ApiCaller> authenticate(String token) {
    byte[] presented = digest(token);
    ApiCaller found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.digest(), presented) && found == null) {
        found = entry.caller();
      }
    }
    return Optional.ofNullable(found);
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
