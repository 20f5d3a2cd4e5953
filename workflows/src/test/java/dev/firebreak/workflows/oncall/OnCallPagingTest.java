package dev.firebreak.workflows.oncall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.ScriptedOnCall;
import dev.firebreak.workflows.notify.PageRequest;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A level's schedules asked and paged in one activity, run as an activity. */
class OnCallPagingTest {

  private static final Instant AT = Instant.parse("2026-12-05T03:00:00Z");

  private final ScriptedOnCall oncall = new ScriptedOnCall();
  private final RecordingPager pager = new RecordingPager();
  private TestActivityEnvironment env;
  private OnCallPagingActivities paging;

  @BeforeEach
  void startEnvironment() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new OnCallPaging(oncall, pager));
    paging = env.newActivityStub(OnCallPagingActivities.class);
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  private static PageRequest level(String... targets) {
    return new PageRequest(
        "INC-1/page-r1-l1",
        "INC-1",
        "P1",
        "Checkout down",
        "Primary",
        List.of(targets),
        "new P1 incident",
        "#incidents",
        null);
  }

  @Test
  void
      theSchedulesArePagedAsTheirPeopleBesideTheLevelsOtherTargetsAndAPersonTwoSchedulesShareOnce() {
    oncall.onCall.put("primary", ScriptedOnCall.ALICE);
    oncall.onCall.put("secondary", ScriptedOnCall.ALICE);

    OnCallPaged paged =
        paging.page(level("schedule:primary", "pagerduty:svc", "schedule:secondary"), AT);

    assertThat(pager.pages)
        .singleElement()
        .extracting(PageRequest::targets)
        .isEqualTo(List.of("slack:U0ALICE", "pagerduty:svc"));
    assertThat(paged.answers())
        .extracting(ScheduleAnswer::schedule, ScheduleAnswer::person)
        .containsExactly(
            tuple("primary", ScriptedOnCall.ALICE), tuple("secondary", ScriptedOnCall.ALICE));
    assertThat(paged.answers())
        .allSatisfy(answer -> assertThat(answer.answer().at()).isEqualTo(AT));
    assertThat(paged.delivery()).isNotNull();
  }

  @Test
  void aLevelWhoseSchedulesReachNobodyPagesNothingAndSaysSo() {
    oncall.onCall.put("secondary", new OnCallPerson("Dee", null, null, null));

    OnCallPaged paged = paging.page(level("schedule:primary", "schedule:secondary"), AT);

    assertThat(pager.pages).isEmpty();
    assertThat(paged.delivery()).isNull();
    assertThat(paged.answers()).extracting(ScheduleAnswer::pageAddress).containsOnlyNulls();
  }

  /**
   * The first attempts fail before anything is paged, so the retry pages the level once; the last
   * one reports the schedule and pages the rest (EscalationScheduleTest, whose server retries).
   */
  @Test
  void aScheduleThatCannotBeAskedFailsTheAttemptBeforeAnythingIsPaged() {
    oncall.down = true;

    assertThatThrownBy(() -> paging.page(level("schedule:primary", "slack:U0LEAD"), AT))
        .isInstanceOf(ActivityFailure.class)
        .satisfies(
            failure ->
                assertThat(RootCause.message(failure)).isEqualTo("schedule service unavailable"));
    assertThat(pager.pages).isEmpty();
  }
}
