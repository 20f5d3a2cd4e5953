package dev.firebreak.starter.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.api.ApiServer;
import dev.firebreak.starter.api.RunningApi;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Twilio webhooks on a real API and Temporal test server: a key press or a text acknowledges
 * only with Twilio's signature over the public URL, and only what the phone was paged for.
 */
class TwilioWebhooksTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "twilio-auth-token";
  private static final String PUBLIC_URL = "https://firebreak.example.com";
  private static final String PHONE = "+447700900123";
  private static final String OTHER_PHONE = "+447700900999";
  private static final String CONFIG =
      """
      organisation: Test
      escalation:
        levels:
          - { name: primary, targets: ["slack:U1", "sms:%s"] }
      services:
        - name: recoup-backend
      """
          .formatted(PHONE);

  @RegisterExtension final RunningApi api = new RunningApi();

  private ApiServer server;

  @BeforeEach
  void start() {
    server =
        api.newServer(
                CONFIG, incidents -> new TwilioWebhooks(TOKEN, PUBLIC_URL, incidents)::register)
            .start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void pressingOneAcknowledgesTheIncidentAsThePhoneAndSaysSo() throws Exception {
    String id = declare();

    HttpResponse<String> reply = pressKey(id, "1", "CA01", TOKEN, PUBLIC_URL);

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/xml"));
    assertThat(reply.body())
        .endsWith(
            "<Response><Say>Acknowledged "
                + id
                + ". Escalation stopped. Thank you.</Say><Hangup/></Response>");
    assertThat(incident(id).get("acknowledgedBy").asText()).isEqualTo("phone " + PHONE);
  }

  @ParameterizedTest(name = "key ''{0}''")
  @ValueSource(strings = {"2", "0", "9", "#", "*", ""})
  void anyOtherKeyChangesNothingAndSaysSo(String digits) throws Exception {
    String id = declare();

    HttpResponse<String> reply = pressKey(id, digits, "CA02", TOKEN, PUBLIC_URL);

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.body()).contains("<Say>Nothing was changed. Goodbye.</Say><Hangup/>");
    assertThat(incident(id).get("acknowledgedBy").isNull()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "unsigned, ''",
    "signed with another auth token, forged-token",
    "signed for another host, https://evil.example.com",
    "signed for another incident, other-incident",
    "signed over another key, other-key"
  })
  void aKeyPressWithoutTwiliosSignatureIsRefusedAndChangesNothing(String why, String how)
      throws Exception {
    String id = declare();
    Map<String, String> params = voiceParams("1", "CA03");
    String url = voiceUrl(PUBLIC_URL, id);
    String signature =
        switch (how) {
          case "" -> null;
          case "forged-token" -> TwilioSignature.of("forged-token", url, params);
          case "other-incident" ->
              TwilioSignature.of(TOKEN, voiceUrl(PUBLIC_URL, "INC-OTHER"), params);
          case "other-key" -> TwilioSignature.of(TOKEN, url, voiceParams("2", "CA03"));
          default -> TwilioSignature.of(TOKEN, voiceUrl(how, id), params);
        };

    HttpResponse<String> reply = post(url, params, signature);

    assertThat(reply.statusCode()).isEqualTo(403);
    assertThat(JSON.readTree(reply.body()).get("error").asText()).isEqualTo("forbidden");
    assertThat(incident(id).get("acknowledgedBy").isNull()).isTrue();
  }

  @Test
  void aSignatureOverTheUrlWithItsDefaultPortWrittenOutIsTwiliosToo() throws Exception {
    String id = declare();

    HttpResponse<String> reply =
        pressKey(id, "1", "CA04", TOKEN, "https://firebreak.example.com:443");

    assertThat(reply.body()).contains("Acknowledged " + id);
    assertThat(incident(id).get("acknowledgedBy").asText()).isEqualTo("phone " + PHONE);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"key press", "text"})
  void theSameRequestSentTwiceAcknowledgesOnceAndBothAnswersSaySo(String kind) throws Exception {
    String id = declare();
    boolean call = kind.equals("key press");
    Map<String, String> params = call ? voiceParams("1", "CA05") : smsParams(PHONE, "ACK", "SM03");
    String url = call ? voiceUrl(PUBLIC_URL, id) : PUBLIC_URL + "/webhooks/twilio/sms";
    String signature = TwilioSignature.of(TOKEN, url, params);

    HttpResponse<String> first = post(url, params, signature);
    HttpResponse<String> replay = post(url, params, signature);

    assertThat(first.body()).contains("Acknowledged " + id);
    assertThat(replay.body()).isEqualTo(first.body());
    assertThat(incident(id).get("timeline"))
        .filteredOn(entry -> entry.get("kind").asText().equals("acknowledged"))
        .hasSize(1);
  }

  @Test
  void ackAcknowledgesTheIncidentLastPagedToTheSendersNumber() throws Exception {
    String earlier = declare();
    awaitPageDelivered(earlier);
    String later = declare();
    awaitPageDelivered(later);

    HttpResponse<String> reply = text(PHONE, " ack ", "SM01");

    assertThat(reply.body())
        .endsWith(
            "<Response><Message>Acknowledged "
                + later
                + ". Escalation stopped. Thank you.</Message></Response>");
    assertThat(incident(later).get("acknowledgedBy").asText()).isEqualTo("phone " + PHONE);
    assertThat(incident(earlier).get("acknowledgedBy").isNull()).isTrue();
  }

  @Test
  void ackWithAnIdAcknowledgesThatIncident() throws Exception {
    String earlier = declare();
    String later = declare();

    HttpResponse<String> reply = text(PHONE, "ACK " + earlier.toLowerCase(), "SM02");

    assertThat(reply.body()).contains("<Message>Acknowledged " + earlier + ".");
    assertThat(incident(earlier).get("acknowledgedBy").asText()).isEqualTo("phone " + PHONE);
    assertThat(incident(later).get("acknowledgedBy").isNull()).isTrue();
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(strings = {"STOP", "HELP", "UNSUBSCRIBE", "ack please", "ACKNOWLEDGE", "yes", ""})
  void anyOtherTextChangesNothingAndSaysHowToAcknowledge(String body) throws Exception {
    String id = declare();

    HttpResponse<String> reply = text(PHONE, body, "SM04");

    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.body()).contains("<Message>Nothing was changed. Reply ACK");
    assertThat(incident(id).get("acknowledgedBy").isNull()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ACK", "ACK NAMED"})
  void aNumberNoIncidentPagedCannotAcknowledge(String body) throws Exception {
    String id = declare();

    HttpResponse<String> reply = text(OTHER_PHONE, body.replace("NAMED", id), "SM05");

    assertThat(reply.body()).contains("nothing was changed");
    assertThat(incident(id).get("acknowledgedBy").isNull()).isTrue();
  }

  @Test
  void anUnsignedTextIsRefusedAndChangesNothing() throws Exception {
    String id = declare();

    HttpResponse<String> reply =
        post(PUBLIC_URL + "/webhooks/twilio/sms", smsParams(PHONE, "ACK", "SM06"), null);

    assertThat(reply.statusCode()).isEqualTo(403);
    assertThat(incident(id).get("acknowledgedBy").isNull()).isTrue();
  }

  private String declare() throws Exception {
    HttpResponse<String> response =
        api.send(
            HttpRequest.newBuilder(URI.create(local("/api/v1/incidents")))
                .header("Authorization", "Bearer responder-token")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"title\":\"Checkout 5xx\",\"severity\":\"P1\","
                            + "\"service\":\"recoup-backend\"}")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JSON.readTree(response.body()).get("id").asText();
  }

  /** Until the pager has answered the incident's first page, which the timeline then records. */
  private void awaitPageDelivered(String id) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(incident(id).get("timeline"))
                    .anyMatch(entry -> entry.get("kind").asText().equals("page-delivery")));
  }

  private JsonNode incident(String id) throws Exception {
    return JSON.readTree(
        api.send(
                HttpRequest.newBuilder(URI.create(local("/api/v1/incidents/" + id)))
                    .header("Authorization", "Bearer viewer-token"))
            .body());
  }

  private HttpResponse<String> pressKey(
      String id, String digits, String callSid, String token, String signedBase) {
    Map<String, String> params = voiceParams(digits, callSid);
    return post(
        voiceUrl(PUBLIC_URL, id),
        params,
        TwilioSignature.of(token, voiceUrl(signedBase, id), params));
  }

  private HttpResponse<String> text(String from, String body, String messageSid) {
    Map<String, String> params = smsParams(from, body, messageSid);
    String url = PUBLIC_URL + "/webhooks/twilio/sms";
    return post(url, params, TwilioSignature.of(TOKEN, url, params));
  }

  private static String voiceUrl(String base, String id) {
    return base + "/webhooks/twilio/voice?incident=" + id + "&page=" + id + "%2Fpage-r1-l1";
  }

  private static Map<String, String> voiceParams(String digits, String callSid) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
    params.put("CallSid", callSid);
    params.put("CallStatus", "in-progress");
    params.put("Digits", digits);
    params.put("Direction", "outbound-api");
    params.put("From", "+15005550006");
    params.put("To", PHONE);
    return params;
  }

  private static Map<String, String> smsParams(String from, String body, String messageSid) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
    params.put("Body", body);
    params.put("From", from);
    params.put("MessageSid", messageSid);
    params.put("NumMedia", "0");
    params.put("To", "+15005550006");
    return params;
  }

  /** Posts to the local server what Twilio would post to {@code publicUrl}. */
  private HttpResponse<String> post(
      String publicUrl, Map<String, String> params, String signature) {
    String form =
        params.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(local(publicUrl.substring(PUBLIC_URL.length()))))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    return api.send(request);
  }

  private String local(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }
}
