package dev.firebreak.starter.pagerduty;

import dev.firebreak.starter.service.HmacSha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;

/**
 * PagerDuty's {@code X-PagerDuty-Signature}: one or more comma-separated {@code v1=<hex>} entries,
 * each the lower-case hex HMAC-SHA256 of the raw body under a signing secret of the subscription
 * (several while a secret is rotated). A delivery is genuine when any {@code v1} entry matches any
 * configured secret; entries of other versions are ignored, as PagerDuty asks. Compared in constant
 * time, so the timing does not show how much of a forged signature was right.
 */
final class PagerDutySignature {

  static final String HEADER = "X-PagerDuty-Signature";
  private static final String VERSION = "v1=";

  private final List<byte[]> secrets;

  /**
   * @param secrets the signing secrets, already resolved from their {@code ${ENV}} references
   */
  PagerDutySignature(List<String> secrets) {
    this.secrets = secrets.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
  }

  boolean matches(String header, byte[] body) {
    if (header == null || header.isBlank()) {
      return false;
    }
    List<byte[]> expected =
        secrets.stream()
            .map(secret -> HmacSha256.hex(secret, body).getBytes(StandardCharsets.UTF_8))
            .toList();
    boolean matched = false;
    for (String entry : header.split(",")) {
      String trimmed = entry.trim();
      if (!trimmed.regionMatches(true, 0, VERSION, 0, VERSION.length())) {
        continue;
      }
      byte[] given =
          trimmed
              .substring(VERSION.length())
              .toLowerCase(Locale.ROOT)
              .getBytes(StandardCharsets.UTF_8);
      for (byte[] candidate : expected) {
        // Every entry is compared with every secret: no early exit to time.
        matched |= MessageDigest.isEqual(candidate, given);
      }
    }
    return matched;
  }
}
