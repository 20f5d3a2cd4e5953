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

  /**
   * Two future shifts of {@code rota}, tomorrow's and the next day's (Alice and Bob take turns).
   */
  private static final Instant DAY1 = RunningOnCallApi.rotaNoon(1);

  private static final Instant DAY2 = RunningOnCallApi.rotaNoon(2);
  private static final String DAY1_ID = RunningOnCallApi.rotaSlackIdAt(DAY1);
  private static final String DAY2_ID = RunningOnCallApi.rotaSlackIdAt(DAY2);

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
    SlackActor asker = new SlackActor(DAY1_ID, Role.RESPONDER);
    Instant midnight1 = DAY1.truncatedTo(ChronoUnit.DAYS);
    Instant midnight2 = midnight1.plus(Duration.ofDays(1));

    SlackReply reply =
        commands.run("swap rota <@" + DAY2_ID + "|them> " + DAY1 + " " + DAY2, asker);

    assertThat(reply.inChannel()).as(reply.text()).isTrue();
    assertThat(reply.text())
        .isEqualTo(
            "<@"
                + DAY1_ID
                + "> and <@"
                + DAY2_ID
                + "> swapped shifts on `rota`: <@"
                + DAY2_ID
                + "> covers "
                + midnight1
                + " to "
                + midnight2
                + ", <@"
                + DAY1_ID
                + "> covers "
                + midnight2
                + " to "
                + midnight2.plus(Duration.ofDays(1))
                + ".");
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
        Arguments.of("swap rota <@U0ALICE> " + DAY1 + " " + DAY2, VIEWER, "needs the responder"),
        Arguments.of(
            "swap rota <@" + DAY2_ID + "> " + DAY1 + " " + DAY2, CAROL, "is not on call at"),
        Arguments.of(
            "swap rota <@U0CAROL> " + DAY1 + " " + DAY2,
            CAROL,
            "A swap needs two different people."),
        Arguments.of("swap rota <@U0BOB> yesterday " + DAY2, CAROL, "'yesterday' is not a time"),
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
        .contains("`rota` <@" + RunningOnCallApi.rotaSlackIdAt(Instant.now()) + "> · layer Rota");
  }
}
