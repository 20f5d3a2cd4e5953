package dev.firebreak.starter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.incident.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SlashCommandParserTest {

  private final SlashCommandParser parser = new SlashCommandParser();

  @Test
  void readsEveryVerb() {
    assertThat(parser.parse("declare p1 recoup-backend Checkout  returns\n500"))
        .isEqualTo(
            new SlashCommand.Declare(Severity.P1, "recoup-backend", "Checkout  returns\n500"));
    assertThat(parser.parse("declare")).isEqualTo(new SlashCommand.OpenDeclareForm());
    assertThat(parser.parse("ACK")).isEqualTo(new SlashCommand.Acknowledge(null));
    assertThat(parser.parse("ack inc-20261123-4"))
        .isEqualTo(new SlashCommand.Acknowledge("INC-20261123-4"));
    assertThat(parser.parse("update INC-20261123-4 Found it; the eta is unknown eta 04:30 UTC"))
        .isEqualTo(
            new SlashCommand.PostUpdate(
                "INC-20261123-4", "Found it; the eta is unknown", "04:30 UTC"));
    assertThat(parser.parse("update Rolled back"))
        .isEqualTo(new SlashCommand.PostUpdate(null, "Rolled back", null));
    assertThat(parser.parse("status")).isEqualTo(new SlashCommand.Status(null));
    assertThat(parser.parse("status INC-20261123-4"))
        .isEqualTo(new SlashCommand.Status("INC-20261123-4"));
    assertThat(parser.parse("severity INC-20261123-4 p0"))
        .isEqualTo(new SlashCommand.ChangeSeverity("INC-20261123-4", Severity.P0));
    assertThat(parser.parse("severity P3"))
        .isEqualTo(new SlashCommand.ChangeSeverity(null, Severity.P3));
    assertThat(parser.parse("commander <@U012AB3CD|alice>"))
        .isEqualTo(new SlashCommand.AssignCommander(null, "U012AB3CD"));
    assertThat(parser.parse("commander INC-20261123-4 @bob"))
        .isEqualTo(new SlashCommand.AssignCommander("INC-20261123-4", "bob"));
    assertThat(parser.parse("resolve")).isEqualTo(new SlashCommand.Resolve(null, null));
    assertThat(parser.parse("resolve INC-20261123-4 Secret rotated"))
        .isEqualTo(new SlashCommand.Resolve("INC-20261123-4", "Secret rotated"));
    assertThat(parser.parse("playbook site-down"))
        .isEqualTo(new SlashCommand.AttachPlaybook(null, "site-down"));
    assertThat(parser.parse("playbook INC-20261123-4 payments"))
        .isEqualTo(new SlashCommand.AttachPlaybook("INC-20261123-4", "payments"));
    assertThat(parser.parse("playbook")).isEqualTo(new SlashCommand.ShowPlaybook(null));
    assertThat(parser.parse("playbook INC-20261123-4"))
        .isEqualTo(new SlashCommand.ShowPlaybook("INC-20261123-4"));
    assertThat(parser.parse("playbook site-down payments"))
        .isEqualTo(
            new SlashCommand.Invalid(
                "Name exactly one playbook, like site-down.", SlashVerb.PLAYBOOK));
    assertThat(parser.parse("run restart"))
        .isEqualTo(new SlashCommand.RunAction(null, "restart", Map.of()));
    assertThat(parser.parse("run INC-20261123-4 replay ids=evt_1,evt_2 when=a/b"))
        .isEqualTo(
            new SlashCommand.RunAction(
                "INC-20261123-4", "replay", Map.of("ids", "evt_1,evt_2", "when", "a/b")));
    assertThat(parser.parse("run"))
        .isEqualTo(
            new SlashCommand.Invalid("Name the action to run, like restart.", SlashVerb.RUN));
    assertThat(parser.parse("run scale count"))
        .isEqualTo(new SlashCommand.Invalid("'count' is not name=value.", SlashVerb.RUN));
    assertThat(parser.parse("run scale count=1 count=2"))
        .isEqualTo(new SlashCommand.Invalid("'count' is given twice.", SlashVerb.RUN));
    assertThat(parser.parse("list")).isEqualTo(new SlashCommand.ListOpen());
    assertThat(parser.parse("help")).isEqualTo(new SlashCommand.Help());
    assertThat(parser.parse("   ")).isEqualTo(new SlashCommand.Help());
  }

  @Test
  void mistakesNameTheProblemAndTheVerb() {
    assertThat(parser.parse("declare P1 recoup-backend"))
        .isEqualTo(
            new SlashCommand.Invalid("Give a severity, a service and a title.", SlashVerb.DECLARE));
    assertThat(parser.parse("declare SEV1 recoup-backend Down"))
        .isEqualTo(
            new SlashCommand.Invalid("'SEV1' is not a severity (P0 to P4).", SlashVerb.DECLARE));
    assertThat(parser.parse("update INC-20261123-4"))
        .isEqualTo(new SlashCommand.Invalid("Say what you found.", SlashVerb.UPDATE));
    assertThat(parser.parse("severity high"))
        .isEqualTo(
            new SlashCommand.Invalid("'high' is not a severity (P0 to P4).", SlashVerb.SEVERITY));
    assertThat(parser.parse("commander alice bob"))
        .isEqualTo(
            new SlashCommand.Invalid("Name exactly one person, like @alice.", SlashVerb.COMMANDER));
    assertThat(parser.parse("ack INC-20261123-4 now"))
        .isEqualTo(new SlashCommand.Invalid("I did not expect 'now'.", SlashVerb.ACK));
    assertThat(parser.parse("list everything"))
        .isEqualTo(new SlashCommand.Invalid("I did not expect 'everything'.", SlashVerb.LIST));
    assertThat(parser.parse("rm -rf /"))
        .isEqualTo(new SlashCommand.Invalid("I don't know 'rm'.", null));
    assertThat(parser.parse("declare P1 svc " + "x".repeat(201)).verb())
        .isEqualTo(SlashVerb.DECLARE);
    assertThat(parser.parse("declare P1 svc " + "x".repeat(201)))
        .isInstanceOf(SlashCommand.Invalid.class);
  }

  @Test
  void anyTextGivesACommandOrAHelpfulAnswerAndNeverThrows() {
    List<String> inputs =
        new ArrayList<>(
            List.of(
                "",
                "\u0000",
                "declare \u0000 \u0000 \u0000",
                "ack '; DROP TABLE incidents; --",
                "status <script>alert(1)</script>",
                "update ${jndi:ldap://127.0.0.1/a}",
                "declare P1 ../../etc/passwd title",
                "commander <@>",
                "commander <@U1|",
                "update eta",
                "update eta eta eta",
                "update x eta",
                "severity INC-20261123-4",
                "🔥🔥🔥",
                "declare P1 🔥 🔥",
                "update " + "a ".repeat(5000),
                "resolve " + "€".repeat(10_000),
                "x".repeat(100_000),
                "ack\tINC-20261123-4",
                "ＤＥＣＬＡＲＥ P1 svc title",
                "declare P1 svc \u202Eevil",
                "commander @" + "a".repeat(500)));
    Random random = new Random(42);
    String[] verbs = {
      "declare",
      "ack",
      "update",
      "status",
      "severity",
      "commander",
      "resolve",
      "list",
      "help",
      "nope"
    };
    for (int i = 0; i < 400; i++) {
      StringBuilder text = new StringBuilder(verbs[random.nextInt(verbs.length)]);
      int words = random.nextInt(8);
      for (int w = 0; w < words; w++) {
        text.append(random.nextBoolean() ? ' ' : '\n');
        int length = 1 + random.nextInt(random.nextInt(10) == 0 ? 3000 : 12);
        for (int c = 0; c < length; c++) {
          text.appendCodePoint(
              random.nextInt(5) == 0 ? random.nextInt(0x1F600) : 32 + random.nextInt(95));
        }
      }
      inputs.add(text.toString());
    }

    for (String input : inputs) {
      SlashCommand command = parser.parse(input);
      assertThat(command).as(input).isNotNull();
      if (command instanceof SlashCommand.Invalid invalid) {
        assertThat(invalid.problem()).as(input).isNotBlank().hasSizeLessThan(120);
      }
    }
  }
}
