package dev.firebreak.starter.twilio;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's {@code X-Twilio-Signature} on a form POST: Base64 of HMAC-SHA1, keyed with the account's
 * auth token, over the full URL Twilio requested (query included) followed by each POST parameter's
 * name and value, sorted by name. Twilio is inconsistent about writing the default port ({@code
 * :443}, {@code :80}), so the URL is accepted with or without it, as its own validators do.
 *
 * <p>Written here rather than taken from Twilio's SDK: that is an 8 MB jar with its own HTTP, JWT,
 * XML and JSON stacks (whose versions clash with ours) for these few lines, and its {@code
 * Map<String,String>} cannot carry a parameter sent more than once.
 */
public final class TwilioSignature {

  public static final String HEADER = "X-Twilio-Signature";

  private static final String ALGORITHM = "HmacSHA1";

  private TwilioSignature() {}

  /** The signature Twilio sends for this URL and these parameters, each sent once. */
  public static String of(String authToken, String url, Map<String, String> params) {
    Map<String, List<String>> lists = new TreeMap<>();
    params.forEach((name, value) -> lists.put(name, List.of(value)));
    return sign(authToken, url, lists);
  }

  /**
   * Whether {@code signature} is Twilio's for this request, with the URL written with or without
   * its default port. A missing signature is never valid.
   */
  public static boolean isValid(
      String authToken, String url, Map<String, List<String>> params, String signature) {
    if (signature == null || signature.isBlank()) {
      return false;
    }
    byte[] given = signature.trim().getBytes(StandardCharsets.UTF_8);
    boolean valid = false;
    for (String variant : portVariants(url)) {
      // Every variant is compared, in constant time, so the answer's timing says nothing.
      valid |=
          MessageDigest.isEqual(
              given, sign(authToken, variant, params).getBytes(StandardCharsets.UTF_8));
    }
    return valid;
  }

  /**
   * A parameter sent more than once contributes each distinct value, in order, after its name, as
   * Twilio's current libraries sign it.
   */
  private static String sign(String authToken, String url, Map<String, List<String>> params) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(params)
        .forEach(
            (name, values) -> {
              for (String value : new TreeSet<>(values)) {
                data.append(name).append(value);
              }
            });
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), ALGORITHM));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
      // Every JDK ships HmacSHA1, and any byte string is a valid HMAC key.
      throw new IllegalStateException(impossible);
    }
  }

  /** The URL as given, and with its default port written out or left out. */
  private static List<String> portVariants(String url) {
    List<String> variants = new ArrayList<>(List.of(url));
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException notAUrl) {
      return variants;
    }
    int defaultPort =
        "https".equalsIgnoreCase(uri.getScheme())
            ? 443
            : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : -1;
    String authority = uri.getRawAuthority();
    if (defaultPort < 0 || authority == null) {
      return variants;
    }
    String prefix = uri.getScheme() + "://";
    if (!url.startsWith(prefix + authority)) {
      return variants;
    }
    String rest = url.substring(prefix.length() + authority.length());
    if (uri.getPort() == -1) {
      variants.add(prefix + authority + ":" + defaultPort + rest);
    } else if (uri.getPort() == defaultPort) {
      variants.add(prefix + authority.substring(0, authority.lastIndexOf(':')) + rest);
    }
    return variants;
  }
}
