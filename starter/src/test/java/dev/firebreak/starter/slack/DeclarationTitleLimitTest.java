package dev.firebreak.starter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.starter.incidents.DeclarationRules;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every entry path that can refuse a declaration refuses the same titles: the Slack command, and
 * the shared rule the API, the Slack form and maintenance windows check. (Alerts cannot be refused;
 * {@code AlertEndpoint} clips their titles to the same limit.)
 */
class DeclarationTitleLimitTest {

  private enum EntryPath {
    SLACK_COMMAND(
        title ->
            !(new SlashCommandParser().parse("declare P1 recoup-backend " + title)
                instanceof SlashCommand.Invalid)),
    API_SLACK_FORM_AND_WINDOWS(DeclarationRules::titleFits);

    final Predicate<String> accepts;

    EntryPath(Predicate<String> accepts) {
      this.accepts = accepts;
    }
  }

  static Stream<Arguments> titles() {
    String atLimit = "x".repeat(DeclarationRules.MAX_TITLE);
    String overLimit = "x".repeat(DeclarationRules.MAX_TITLE + 1);
    Stream<Arguments> cases =
        Stream.of(
            Arguments.of("a title at the limit", atLimit, true),
            Arguments.of(
                "a title at the limit with blanks around it", "  " + atLimit + " \t", true),
            Arguments.of(
                "a title of accented letters at the limit",
                "é".repeat(DeclarationRules.MAX_TITLE),
                true),
            Arguments.of("a title one over the limit", overLimit, false),
            Arguments.of(
                "a title one over the limit with blanks around it", " " + overLimit + " ", false));
    return cases.flatMap(
        c ->
            Stream.of(EntryPath.values())
                .map(path -> Arguments.of(path, c.get()[0], c.get()[1], c.get()[2])));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("titles")
  void everyEntryPathAcceptsTheSameTitles(
      EntryPath path, String description, String title, boolean accepted) {
    assertThat(path.accepts.test(title)).as(description).isEqualTo(accepted);
  }
}
