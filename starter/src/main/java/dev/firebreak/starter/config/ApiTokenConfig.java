package dev.firebreak.starter.config;

import java.util.List;

/**
 * A bearer token for {@code /api/v1}.
 *
 * @param name who the token stands for; recorded as the actor of what it does
 * @param token always a {@code ${ENV}} reference
 * @param roles {@code viewer}, {@code responder} or {@code admin}
 */
public record ApiTokenConfig(String name, @Secret String token, List<String> roles) {
  public ApiTokenConfig {
    roles = ConfigShape.listOf(roles);
  }
}
