package dev.firebreak.starter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.starter.api.RunningOnCallApi;
import dev.firebreak.starter.config.OnCallSpecs;
import dev.firebreak.starter.oncall.OnCallGateway;
import dev.firebreak.starter.oncall.OnCallSchedules;
import dev.firebreak.starter.service.Role;
import dev.firebreak.workflows.common.TaskQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OnCallCommandsTest {

  @RegisterExtension
  final RunningOnCallApi api = new RunningOnCallApi(RunningOnCallApi.ROTA_CONFIG);

  private static final SlackActor CAROL = new SlackActor("U0CAROL", Role.RESPONDER);
  private static final SlackActor VIEWER = new SlackActor("U0VIEW", Role.VIEWER);
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private static final String SPAN = NOW + " " + NOW.plus(Duration.ofHours(2));
  private static final Instant TOMORROW = NOW.plus(Duration.ofDays(1));

  /** Who has the {@code rota} schedule today, and who tomorrow (Alice and Bob take turns). */
  private static final String TODAY_ID = RunningOnCallApi.rotaSlackIdAt(NOW);

  private static final String TOMORROW_ID = RunningOnCallApi.rotaSlackIdAt(TOMORROW);

  private OnCallCommands commands;

  @BeforeEach
  void commands() {
    commands =
        new OnCallCommands(
            new OnCallGateway(
                new OnCallSchedules(
                    api.temporal.getWorkflowClient(),
                    TaskQueue.NAME,
                    OnCallSpecs.schedules(api.config.oncall())),
                Clock.systemUTC()));
  }

  @Test
  void slashOnCallListsWhoIsOnCallPerSchedule() {
    SlackReply reply = commands.run("", VIEWER);

    assertThat(reply.inChannel()).isFalse();
    assertThat(reply.text())
        .startsWith("*On call now*\n• `primary` <@U0ALICE> · layer Primary (daily)")
        .contains("• `office` ");
  }

  @Test
  void coverPutsThePersonAskingOnCallAndTellsTheChannel() {
    SlackReply reply = commands.run("cover primary " + SPAN, CAROL);

    assertThat(reply.inChannel()).as(reply.text()).isTrue();
    assertThat(reply.text()).startsWith("<@U0CAROL> is on call for `primary` from " + NOW);
    assertThat(commands.run("", VIEWER).text())
        .contains("`primary` <@U0CAROL> · override by U0CAROL");
  }

  @Test
  void overridePutsTheMentionedPersonOnCall() {
    SlackReply reply = commands.run("override primary <@U0BOB|bob> " + SPAN, CAROL);

    assertThat(reply.text())
        .startsWith("<@U0BOB> is on call for `primary`")
        .contains("set by <@U0CAROL>");
    assertThat(commands.run("", VIEWER).text())
        .contains("`primary` <@U0BOB> · override by U0CAROL");
  }

  @Test
  void swapExchangesTheAskersShiftForTheMentionedPersonsAndTellsTheChannel() {
    SlackActor asker = new SlackActor(TODAY_ID, Role.RESPONDER);

    SlackReply reply =
        commands.run("swap rota <@" + TOMORROW_ID + "|them> " + NOW + " " + TOMORROW, asker);

    assertThat(reply.inChannel()).as(reply.text()).isTrue();
    assertThat(reply.text())
        .startsWith(
            "<@"
                + TODAY_ID
                + "> and <@"
                + TOMORROW_ID
                + "> swapped shifts on `rota`: <@"
                + TOMORROW_ID
                + "> covers ")
        .contains(
            ", <@"
                + TODAY_ID
                + "> covers "
                + NOW.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1)));
    assertThat(commands.run("", VIEWER).text())
        .contains("`rota` <@" + TOMORROW_ID + "> · override by " + TODAY_ID);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("cover primary " + SPAN, VIEWER, "needs the responder role"),
        Arguments.of(
            "cover " + SPAN, CAROL, "Name the schedule first: one of primary, office, rota."),
        Arguments.of("cover nope " + SPAN, CAROL, "No on-call schedule named 'nope'."),
        Arguments.of("cover primary tomorrow " + NOW, CAROL, "'tomorrow' is not a time like"),
        Arguments.of(
            "cover primary " + NOW.plusSeconds(60) + " " + NOW, CAROL, "From must be before to."),
        Arguments.of("override primary " + SPAN, CAROL, "Say who"),
        Arguments.of("swap", CAROL, "Say who: `/oncall swap @someone"),
        Arguments.of("swap <@U0ALICE> " + NOW, CAROL, "Usage: `/oncall`"),
        Arguments.of("swap rota <@U0ALICE> " + NOW + " " + TOMORROW, VIEWER, "needs the responder"),
        Arguments.of(
            "swap rota <@" + TODAY_ID + "> " + NOW + " " + TOMORROW, CAROL, "is not on call at"),
        Arguments.of(
            "swap rota <@U0CAROL> " + NOW + " " + TOMORROW,
            CAROL,
            "A swap needs two different people."),
        Arguments.of(
            "swap rota <@U0BOB> yesterday " + TOMORROW, CAROL, "'yesterday' is not a time"),
        Arguments.of("bogus", CAROL, "Usage: `/oncall`"));
  }

  @ParameterizedTest(name = "/oncall {0} → {2}")
  @MethodSource("refused")
  void aBadOnCallCommandIsAnsweredOnlyToThePersonAndChangesNothing(
      String text, SlackActor actor, String reason) {
    SlackReply reply = commands.run(text, actor);

    assertThat(reply.inChannel()).isFalse();
    assertThat(reply.text()).contains(reason);
    assertThat(commands.run("", VIEWER).text())
        .contains("`primary` <@U0ALICE>")
        .contains("`rota` <@" + TODAY_ID + "> · layer Rota");
  }
}
