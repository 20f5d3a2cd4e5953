package dev.firebreak.starter.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import dev.firebreak.starter.incidents.DeclarationRules;
import dev.firebreak.workflows.incident.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The two modals: declare an incident (from {@code /incident declare} without arguments) and post
 * an update (from the incident message's button). What the submission must report back to travels
 * in the view's {@code private_metadata}: the response_url of the request that opened it, and for
 * an update the incident id.
 */
final class SlackForms {

  static final String DECLARE = "incident_declare_form";
  static final String UPDATE = "incident_update_form";
  static final String SEVERITY = "severity";
  static final String SERVICE = "service";
  static final String TITLE = "title";
  static final String TEXT = "text";
  static final String ETA = "eta";
  private static final String VALUE = "value";
  private static final String SEPARATOR = "\n";

  /** What the opening request left in the view for its submission. */
  record Origin(String incidentId, String responseUrl) {}

  View declare(List<String> services, String responseUrl) {
    List<OptionObject> severities =
        Arrays.stream(Severity.values()).map(s -> option(plainText(s.name()), s.name())).toList();
    List<OptionObject> serviceOptions =
        services.stream().limit(100).map(s -> option(plainText(s), s)).toList();
    return modal(
        DECLARE,
        "Declare an incident",
        "Declare",
        new Origin(null, responseUrl),
        List.of(
            input(
                i ->
                    i.blockId(SEVERITY)
                        .label(plainText("Severity"))
                        .element(staticSelect(s -> s.actionId(VALUE).options(severities)))),
            input(
                i ->
                    i.blockId(SERVICE)
                        .label(plainText("Service"))
                        .element(staticSelect(s -> s.actionId(VALUE).options(serviceOptions)))),
            input(
                i ->
                    i.blockId(TITLE)
                        .label(plainText("What is wrong"))
                        .element(
                            plainTextInput(
                                p -> p.actionId(VALUE).maxLength(DeclarationRules.MAX_TITLE))))));
  }

  View update(String incidentId, String responseUrl) {
    return modal(
        UPDATE,
        "Post an update",
        "Post",
        new Origin(incidentId, responseUrl),
        List.of(
            input(
                i ->
                    i.blockId(TEXT)
                        .label(plainText("What you found, what you are doing"))
                        .element(
                            plainTextInput(
                                p ->
                                    p.actionId(VALUE)
                                        .multiline(true)
                                        .maxLength(SlashCommandParser.MAX_TEXT)))),
            input(
                i ->
                    i.blockId(ETA)
                        .label(plainText("ETA"))
                        .optional(true)
                        .element(
                            plainTextInput(
                                p -> p.actionId(VALUE).maxLength(DeclarationRules.MAX_TITLE))))));
  }

  private static View modal(
      String callbackId,
      String title,
      String submit,
      Origin origin,
      List<com.slack.api.model.block.LayoutBlock> blocks) {
    return View.builder()
        .type("modal")
        .callbackId(callbackId)
        .title(ViewTitle.builder().type("plain_text").text(title).build())
        .submit(ViewSubmit.builder().type("plain_text").text(submit).build())
        .close(ViewClose.builder().type("plain_text").text("Cancel").build())
        .privateMetadata(
            (origin.incidentId() == null ? "" : origin.incidentId())
                + SEPARATOR
                + (origin.responseUrl() == null ? "" : origin.responseUrl()))
        .blocks(blocks)
        .build();
  }

  Origin origin(View view) {
    String metadata = view.getPrivateMetadata() == null ? "" : view.getPrivateMetadata();
    int cut = metadata.indexOf(SEPARATOR);
    String id = cut < 0 ? metadata : metadata.substring(0, cut);
    String url = cut < 0 ? "" : metadata.substring(cut + 1);
    return new Origin(id.isEmpty() ? null : id, url.isEmpty() ? null : url);
  }

  /**
   * A field of a submitted form: typed text or the chosen option's value; empty when left blank.
   */
  Optional<String> field(View view, String blockId) {
    if (view.getState() == null || view.getState().getValues() == null) {
      return Optional.empty();
    }
    Map<String, ViewState.Value> block = view.getState().getValues().get(blockId);
    ViewState.Value value = block == null ? null : block.get(VALUE);
    if (value == null) {
      return Optional.empty();
    }
    String text =
        value.getSelectedOption() != null ? value.getSelectedOption().getValue() : value.getValue();
    return Optional.ofNullable(text).map(String::strip).filter(t -> !t.isEmpty());
  }
}
