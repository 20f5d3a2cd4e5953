package dev.firebreak.starter.config;

import java.util.List;

public record ApiConfig(List<ApiTokenConfig> tokens) {
  public ApiConfig {
    tokens = ConfigShape.listOf(tokens);
  }
}
