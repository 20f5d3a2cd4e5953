package dev.firebreak.starter.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

/** {@code X-Twilio-Signature}, checked against the vectors of Twilio's own validator tests. */
class TwilioSignatureTest {

  private static final String TOKEN = "12345";
  private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
  private static final String EXPECTED = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";
  private static final Map<String, String> PARAMS = twilioVectorParams();

  private static Map<String, String> twilioVectorParams() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("Digits", "1234");
    params.put("CallSid", "CA1234567890ABCDE");
    params.put("To", "+18005551212");
    params.put("Caller", "+14158675309");
    params.put("From", "+14158675309");
    return params;
  }

  private static Map<String, List<String>> lists(Map<String, String> params) {
    return params.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue())));
  }

  @Test
  void theSignatureOfTwiliosVectorIsTwiliosWhateverOrderTheParametersCameIn() {
    assertThat(TwilioSignature.of(TOKEN, URL, PARAMS)).isEqualTo(EXPECTED);
    assertThat(TwilioSignature.isValid(TOKEN, URL, lists(PARAMS), EXPECTED)).isTrue();
  }

  @ParameterizedTest(name = "{0} signed, {1} checked")
  @CsvSource({
    "https://mycompany.com/myapp.php?foo=1&bar=2, https://mycompany.com:443/myapp.php?foo=1&bar=2",
    "https://mycompany.com:443/myapp.php?foo=1&bar=2, https://mycompany.com/myapp.php?foo=1&bar=2",
    "http://mycompany.com/myapp.php?foo=1&bar=2, http://mycompany.com:80/myapp.php?foo=1&bar=2",
    "http://mycompany.com:80/myapp.php?foo=1&bar=2, http://mycompany.com/myapp.php?foo=1&bar=2",
  })
  void theDefaultPortMayBeWrittenOutOnEitherSide(String signedUrl, String checkedUrl) {
    String signature = TwilioSignature.of(TOKEN, signedUrl, PARAMS);

    assertThat(TwilioSignature.isValid(TOKEN, checkedUrl, lists(PARAMS), signature)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "another auth token, 54321, https://mycompany.com/myapp.php?foo=1&bar=2, Digits, 1234",
    "another query, 12345, https://mycompany.com/myapp.php?foo=1&bar=3, Digits, 1234",
    "another key, 12345, https://mycompany.com/myapp.php?foo=1&bar=2, Digits, 1",
    "a port that is not the default, 12345, https://mycompany.com:8443/myapp.php?foo=1&bar=2,"
        + " Digits, 1234",
    "an added parameter, 12345, https://mycompany.com/myapp.php?foo=1&bar=2, Extra, x",
  })
  void anythingChangedMakesTheSignatureInvalid(
      String what, String token, String url, String name, String value) {
    Map<String, String> params = new LinkedHashMap<>(PARAMS);
    params.put(name, value);

    assertThat(TwilioSignature.isValid(token, url, lists(params), EXPECTED)).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  void aMissingSignatureIsNeverValid(String signature) {
    assertThat(TwilioSignature.isValid(TOKEN, URL, lists(PARAMS), signature)).isFalse();
  }

  @Test
  void aParameterSentTwiceIsSignedWithEachOfItsValuesInOrder() {
    Map<String, List<String>> repeated =
        Map.of("StatusCallbackEvent", List.of("ringing", "answered"), "To", List.of("+1"));
    String expected =
        TwilioSignature.of(
            TOKEN,
            URL + "StatusCallbackEventansweredStatusCallbackEventringingTo",
            Map.of("", "+1"));

    assertThat(TwilioSignature.isValid(TOKEN, URL, repeated, expected)).isTrue();
  }
}
