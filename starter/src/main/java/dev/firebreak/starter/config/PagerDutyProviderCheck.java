package dev.firebreak.starter.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What {@code providers.pagerduty} must say for PagerDuty's webhooks to work: every signing secret
 * present once, and the routing key our triggers use, since a webhook finds its incident by the
 * dedup key those triggers set.
 */
final class PagerDutyProviderCheck {

  private static final String PATH = "providers.pagerduty";

  void check(ProvidersConfig.PagerDutyProvider pagerDuty, BiConsumer<String, String> report) {
    if (pagerDuty == null) {
      return;
    }
    List<String> secrets = pagerDuty.webhookSecrets();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < secrets.size(); i++) {
      String path = PATH + ".webhookSecrets[" + i + "]";
      String secret = secrets.get(i);
      if (secret == null || secret.isBlank()) {
        report.accept(path, "is required (a ${ENV} reference)");
      } else {
        ConfigValidator.noteDuplicate(
            seen, secret.trim(), i, PATH + ".webhookSecrets", "secret", path, report);
      }
    }
    if (!secrets.isEmpty()
        && (pagerDuty.routingKey() == null || pagerDuty.routingKey().isBlank())) {
      report.accept(
          PATH + ".webhookSecrets",
          "needs providers.pagerduty.routingKey: a webhook finds its incident by the dedup key"
              + " Firebreak's own triggers set");
    }
  }
}
