package dev.firebreak.starter.slack;

import static com.slack.api.model.block.Blocks.input;
import static com.slack.api.model.block.composition.BlockCompositions.option;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.plainTextInput;
import static com.slack.api.model.block.element.BlockElements.staticSelect;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import dev.firebreak.starter.incidents.DeclarationRules;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.playbook.ActionSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The modals: declare an incident (from {@code /incident declare} without arguments), post an
 * update (from the incident message's button) and fill in a playbook action's parameters (from its
 * button on the playbook card). What the submission must report back to travels in the view's
 * {@code private_metadata}: the response_url of the request that opened it, for an update or an
 * action the incident id, and for an action its name.
 */
final class SlackForms {

  static final String DECLARE = "incident_declare_form";
  static final String UPDATE = "incident_update_form";

  /** A playbook action's parameters; each parameter's block id is {@link #PARAMETER} + its name. */
  static final String ACTION = "playbook_action_form";

  static final String PARAMETER = "param:";
  static final String SEVERITY = "severity";
  static final String SERVICE = "service";
  static final String TITLE = "title";
  static final String TEXT = "text";
  static final String ETA = "eta";
  private static final String VALUE = "value";
  private static final String SEPARATOR = "\n";

  /** Slack's limits: a modal's blocks, a title, an input's label and hint. */
  private static final int MAX_INPUTS = 100;

  private static final int TITLE_MAX = 24;
  private static final int LABEL_MAX = 2000;
  private static final int HINT_MAX = 2000;

  /**
   * What the opening request left in the view for its submission.
   *
   * @param action the playbook action a parameter form runs; null for the other forms
   */
  record Origin(String incidentId, String responseUrl, String action) {
    Origin(String incidentId, String responseUrl) {
      this(incidentId, responseUrl, null);
    }
  }

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

  /** A field per parameter of the action, each with its default filled in. */
  View action(String incidentId, ActionSpec action, String responseUrl) {
    List<LayoutBlock> fields =
        action.parameters().stream()
            .limit(MAX_INPUTS)
            .map(
                p ->
                    (LayoutBlock)
                        input(
                            i ->
                                i.blockId(PARAMETER + p.name())
                                    .label(plainText(Clip.of(p.name(), LABEL_MAX)))
                                    .hint(
                                        p.description() == null
                                            ? null
                                            : plainText(Clip.of(p.description(), HINT_MAX)))
                                    .optional(!p.required() || p.defaultValue() != null)
                                    .element(
                                        plainTextInput(
                                            t ->
                                                t.actionId(VALUE)
                                                    .initialValue(p.defaultValue())
                                                    .maxLength(SlashCommandParser.MAX_TEXT)))))
            .toList();
    return modal(
        ACTION,
        Clip.of(action.title(), TITLE_MAX),
        "Run",
        new Origin(incidentId, responseUrl, action.name()),
        fields);
  }

  private static View modal(
      String callbackId, String title, String submit, Origin origin, List<LayoutBlock> blocks) {
    return View.builder()
        .type("modal")
        .callbackId(callbackId)
        .title(ViewTitle.builder().type("plain_text").text(title).build())
        .submit(ViewSubmit.builder().type("plain_text").text(submit).build())
        .close(ViewClose.builder().type("plain_text").text("Cancel").build())
        .privateMetadata(
            (origin.incidentId() == null ? "" : origin.incidentId())
                + SEPARATOR
                + (origin.responseUrl() == null ? "" : origin.responseUrl())
                + (origin.action() == null ? "" : SEPARATOR + origin.action()))
        .blocks(blocks)
        .build();
  }

  Origin origin(View view) {
    String metadata = view.getPrivateMetadata() == null ? "" : view.getPrivateMetadata();
    int cut = metadata.indexOf(SEPARATOR);
    String id = cut < 0 ? metadata : metadata.substring(0, cut);
    String rest = cut < 0 ? "" : metadata.substring(cut + 1);
    int second = rest.indexOf(SEPARATOR);
    String url = second < 0 ? rest : rest.substring(0, second);
    String action = second < 0 ? "" : rest.substring(second + 1);
    return new Origin(
        id.isEmpty() ? null : id, url.isEmpty() ? null : url, action.isEmpty() ? null : action);
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
