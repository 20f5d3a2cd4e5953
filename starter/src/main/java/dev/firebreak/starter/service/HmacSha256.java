package dev.firebreak.starter.service;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 as lower-case hex, what the webhook senders that sign their raw body send (Sentry's
 * {@code Sentry-Hook-Signature}, PagerDuty's {@code v1=} entries).
 */
public final class HmacSha256 {

  private static final String ALGORITHM = "HmacSHA256";

  private HmacSha256() {}

  public static String hex(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key, ALGORITHM));
      return HexFormat.of().formatHex(mac.doFinal(data));
    } catch (GeneralSecurityException e) {
      // Every JVM has HmacSHA256, and any non-empty byte string is a valid key.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
