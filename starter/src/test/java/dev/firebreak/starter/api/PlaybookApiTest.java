package dev.firebreak.starter.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Playbooks through the API: listed, matched at declaration, attached by name, ticked. */
class PlaybookApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final RunningApi api = new RunningApi();

  private String declare(String title, String service, String extra) {
    HttpResponse<String> declared =
        api.post(
            IncidentRoutes.BASE,
            "responder-token",
            "{\"title\":\""
                + title
                + "\",\"severity\":\"P2\",\"service\":\""
                + service
                + "\""
                + extra
                + "}");
    assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
    return json(declared).get("id").asText();
  }

  private JsonNode incident(String id) {
    return json(api.get(IncidentRoutes.BASE + "/" + id, "viewer-token"));
  }

  @Test
  void theConfiguredPlaybooksAreListedInConfigOrderAndShownByName() {
    HttpResponse<String> list = api.get(PlaybookRoutes.BASE, "viewer-token");
    HttpResponse<String> one = api.get(PlaybookRoutes.BASE + "/payments", "viewer-token");
    HttpResponse<String> unknown = api.get(PlaybookRoutes.BASE + "/nope", "viewer-token");

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(json(list))
        .extracting(p -> p.get("name").asText())
        .containsExactly("site-down", "payments");
    assertThat(json(one).get("title").asText()).isEqualTo("Payment processing broken");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("error").asText()).isEqualTo("not_found");
  }

  @Test
  void anIncidentGetsTheFirstPlaybookItsDeclarationMatches() {
    String matched = declare("Site down for everyone", "talk-to-my-lawyer", "");
    String unmatched = declare("Slow pages", "talk-to-my-lawyer", "");

    JsonNode playbook = incident(matched).get("playbook");
    assertThat(playbook.get("name").asText()).isEqualTo("site-down");
    assertThat(playbook.get("symptoms").asText()).isEqualTo("Every page answers 5xx.");
    assertThat(playbook.get("checklist"))
        .extracting(i -> i.get("text").asText() + "/" + i.get("tickedBy").isNull())
        .containsExactly("Check the platform's status/true", "Roll back the last deploy/true");
    assertThat(incident(matched).get("timeline").toString())
        .contains("Playbook site-down (Site down) applies (it matched the declaration)");
    assertThat(incident(unmatched).get("playbook").isNull()).isTrue();
  }

  @Test
  void aDeclarationMayNameItsPlaybookAndAnUnknownOneIsNotFound() {
    String id = declare("Checkout errors", "recoup-backend", ",\"playbook\":\"payments\"");
    HttpResponse<String> unknown =
        api.post(
            IncidentRoutes.BASE,
            "responder-token",
            "{\"title\":\"x\",\"severity\":\"P2\",\"service\":\"recoup-backend\",\"playbook\":\"nope\"}");

    assertThat(incident(id).get("playbook").get("name").asText()).isEqualTo("payments");
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void aResponderAttachesAPlaybookAndTicksItsChecklistWhichThePostMortemShows() {
    String id = declare("Checkout errors", "recoup-backend", "");

    HttpResponse<String> attached =
        api.post(
            IncidentRoutes.BASE + "/" + id + "/playbook",
            "responder-token",
            "{\"name\":\"payments\"}");
    HttpResponse<String> ticked =
        api.post(IncidentRoutes.BASE + "/" + id + "/checklist/1", "responder-token", "{}");

    assertThat(attached.statusCode()).as(attached.body()).isEqualTo(200);
    assertThat(json(attached).get("playbook").get("attachedBy").asText()).isEqualTo("alice");
    assertThat(ticked.statusCode()).as(ticked.body()).isEqualTo(200);
    assertThat(json(ticked).get("playbook").get("checklist").get(0).get("tickedBy").asText())
        .isEqualTo("alice");
    assertThat(json(ticked).get("timeline").toString())
        .contains("Playbook payments (Payment processing broken) attached")
        .contains("Checklist 1 done: Check Stripe's status");
    String postMortem =
        api.get(IncidentRoutes.BASE + "/" + id + "/postmortem", "viewer-token").body();
    assertThat(postMortem)
        .contains("Playbook: payments (Payment processing broken)")
        .contains("- [x] Check Stripe's status (alice)")
        .contains("## Prevention\n- [ ] Add a synthetic checkout");
  }

  @Test
  void badAttachmentsAndTicksAreRefusedAndChangeNothing() {
    String id = declare("Checkout errors", "recoup-backend", "");
    String path = IncidentRoutes.BASE + "/" + id;

    HttpResponse<String> viewer =
        api.post(path + "/playbook", "viewer-token", "{\"name\":\"payments\"}");
    HttpResponse<String> unknown =
        api.post(path + "/playbook", "responder-token", "{\"name\":\"nope\"}");
    HttpResponse<String> nameless = api.post(path + "/playbook", "responder-token", "{}");
    HttpResponse<String> noChecklist = api.post(path + "/checklist/1", "responder-token", "{}");
    HttpResponse<String> viewerTick = api.post(path + "/checklist/1", "viewer-token", "{}");

    assertThat(viewer.statusCode()).isEqualTo(403);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("message").asText())
        .isEqualTo("No playbook named 'nope'; GET /api/v1/playbooks lists the configured ones.");
    assertThat(nameless.statusCode()).isEqualTo(400);
    assertThat(noChecklist.statusCode()).isEqualTo(409);
    assertThat(viewerTick.statusCode()).isEqualTo(403);
    assertThat(incident(id).get("playbook").isNull()).isTrue();

    api.post(path + "/playbook", "responder-token", "{\"name\":\"payments\"}");
    HttpResponse<String> outOfRange = api.post(path + "/checklist/2", "responder-token", "{}");
    HttpResponse<String> notANumber = api.post(path + "/checklist/first", "responder-token", "{}");
    api.post(path + "/checklist/1", "responder-token", "{}");
    HttpResponse<String> twice = api.post(path + "/checklist/1", "admin-token", "{}");

    assertThat(outOfRange.statusCode()).isEqualTo(409);
    assertThat(json(outOfRange).get("message").asText()).contains("has 1 step; there is no step 2");
    assertThat(notANumber.statusCode()).isEqualTo(400);
    assertThat(twice.statusCode()).isEqualTo(409);
    HttpResponse<String> again =
        api.post(path + "/playbook", "responder-token", "{\"name\":\"payments\"}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).get("message").asText())
        .endsWith("already follows the playbook payments");
    assertThat(incident(id).get("playbook").get("checklist").get(0).get("tickedBy").asText())
        .isEqualTo("alice");
  }

  @Test
  void aResolvedIncidentCannotBeGivenAPlaybook() {
    String id = declare("Checkout errors", "recoup-backend", "");
    HttpResponse<String> resolved =
        api.post(IncidentRoutes.BASE + "/" + id + "/resolve", "responder-token", "{}");
    assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(200);

    HttpResponse<String> attached =
        api.post(
            IncidentRoutes.BASE + "/" + id + "/playbook",
            "responder-token",
            "{\"name\":\"payments\"}");

    assertThat(attached.statusCode()).isEqualTo(409);
    assertThat(json(attached).get("message").asText())
        .contains("it can no longer be given a playbook");
    assertThat(incident(id).get("playbook").isNull()).isTrue();
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
