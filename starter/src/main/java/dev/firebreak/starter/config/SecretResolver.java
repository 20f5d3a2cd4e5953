package dev.firebreak.starter.config;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns {@code ${ENV}} references into values through an injectable lookup ({@code System::getenv}
 * in production, a map in tests).
 */
public final class SecretResolver {

  private final Function<String, String> env;

  public SecretResolver(Function<String, String> env) {
    this.env = env;
  }

  /**
   * The referenced variable's value; empty when the text is not a reference or the variable is
   * unset or blank.
   */
  public Optional<String> resolve(String reference) {
    if (reference == null) {
      return Optional.empty();
    }
    return new SecretField("", reference).variable().map(env).filter(v -> !v.isBlank());
  }

  /**
   * Secret fields under {@code pathPrefix} (e.g. {@code providers.slack}) whose variable is not
   * set.
   */
  public List<SecretField> missing(FirebreakConfig config, String pathPrefix) {
    return SecretField.in(config).stream()
        .filter(f -> f.path().startsWith(pathPrefix))
        .filter(f -> resolve(f.value()).isEmpty())
        .toList();
  }
}
