package dev.firebreak.activities.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Stripe-Signature} header Stripe puts on every webhook: {@code t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "t.body" under the endpoint's signing secret>} (docs/providers.md §7). The
 * application's receiver verifies it with its Stripe library, so a re-delivery must carry it too.
 */
public final class StripeSignature {

  public static final String HEADER = "Stripe-Signature";
  private static final String ALGORITHM = "HmacSHA256";

  private StripeSignature() {}

  public static String header(String signingSecret, long timestampSeconds, String body) {
    return "t=" + timestampSeconds + ",v1=" + hmac(signingSecret, timestampSeconds + "." + body);
  }

  /** Hex HMAC-SHA256 of the text: what {@code v1} holds. */
  public static String hmac(String signingSecret, String signedText) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return HexFormat.of().formatHex(mac.doFinal(signedText.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
      // Every JDK ships HmacSHA256, and any byte string is a valid HMAC key.
      throw new IllegalStateException(impossible);
    }
  }
}
