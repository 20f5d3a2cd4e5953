package dev.firebreak.activities.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CredentialRedactorTest {

  /** Each kind of credential an answer might quote, with the part that must not survive. */
  static Stream<Arguments> credentials() {
    return Stream.of(
        Arguments.of("Authorization: Bearer abc.def-ghi_123", "abc.def-ghi_123"),
        Arguments.of(
            "{\"headers\":{\"authorization\":\"Basic dXNlcjpwYXNzd29yZA==\"}}",
            "dXNlcjpwYXNzd29yZA"),
        Arguments.of(
            "proxy said: bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
            "eyJhbGciOiJIUzI1NiJ9"),
        Arguments.of("slack token xoxb-1111-2222-AbCdEfGhIjKl", "xoxb-1111-2222"),
        Arguments.of("app token xapp-1-A111-222-abcdef", "xapp-1-A111"),
        Arguments.of("stripe key sk_live_51HxyzABCdef0123", "sk_live_51Hxyz"),
        Arguments.of("webhook secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "whsec_MfKQ9"),
        Arguments.of("GET /hook?key=hunter2xyz&x=1", "hunter2xyz"),
        Arguments.of("GET /cron?token=AbC123&x=1", "AbC123"),
        Arguments.of("GET /cron?secret=opensesame", "opensesame"),
        Arguments.of("{\"client_secret\": \"cs-9876\"}", "cs-9876"),
        Arguments.of("password=letmein!", "letmein!"),
        Arguments.of("Cookie: session=abcdef; theme=dark", "abcdef"),
        Arguments.of("X-Api-Key: k-42-answer", "k-42-answer"),
        Arguments.of(
            "hmac 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 end",
            "9f86d081884c7d659a2f"),
        Arguments.of(
            "blob QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVoxMjM0NTY3ODkw end",
            "QUJDREVGR0hJSktMTU5PUFFS"),
        Arguments.of("aws AKIAIOSFODNN7EXAMPLE here", "AKIAIOSFODNN7EXAMPLE"),
        Arguments.of("dsn postgres://app:hunter2@db.internal/app", "hunter2"),
        Arguments.of("github ghp_16C7e42F292c6912E7710c838347Ae178B4a", "ghp_16C7e42F"),
        Arguments.of(
            "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----",
            "MIIEowIBAAKCAQEA"));
  }

  @ParameterizedTest
  @MethodSource("credentials")
  void everyKindOfCredentialIsRedacted(String text, String secret) {
    assertThat(CredentialRedactor.redact(text))
        .doesNotContain(secret)
        .contains(CredentialRedactor.REDACTED);
  }

  @Test
  void theSecretsACallWasSentWithAreRedactedWhateverTheirShape() {
    assertThat(
            CredentialRedactor.redact(
                "you said 'plain words' twice: plain words", List.of("plain words")))
        .isEqualTo("you said '[redacted]' twice: [redacted]");
  }

  @Test
  void referencesOrdinaryTextAndRedactingTwiceAreLeftAlone() {
    String text =
        "POST https://cdn.example.com/purge?token=${CDN_TOKEN} answered 503: upstream timed out after 30 s";
    assertThat(CredentialRedactor.redact(text)).isEqualTo(text);
    String once = CredentialRedactor.redact("token=abc123 Bearer xyz12345");
    assertThat(CredentialRedactor.redact(once))
        .isEqualTo(once)
        .isEqualTo("token=[redacted] Bearer [redacted]");
    assertThat(CredentialRedactor.redact(null)).isNull();
  }
}
