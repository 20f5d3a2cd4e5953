package dev.firebreak.starter.config;

/**
 * How one named sub-check of a service's health endpoint counts.
 *
 * @param critical whether its failure makes the service unhealthy (refuses a resolve, reopens
 *     during monitoring); true when unset, so a config without it keeps its meaning
 */
public record ServiceCheckConfig(Boolean critical) {
  public ServiceCheckConfig {
    critical = critical == null || critical;
  }
}
