package dev.firebreak.workflows.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.incident.Declaration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A job's failures in a row: when they warn, when they declare, and what a recovery says. */
class JobFailureStreakTest {

  private static final Instant T0 = Instant.parse("2026-03-02T02:00:00Z");

  @ParameterizedTest(
      name = "warnAfter {0}, incidentAfter {1}: warned at failure {2}, declared at {3} (0: never)")
  @CsvSource({"2, 3, 2, 3", "1, 1, 1, 1", "3, 2, 3, 2", "0, 2, 0, 2", "2, 0, 2, 0", "0, 0, 0, 0"})
  void eachThresholdActsOnceAtTheFailureThatReachesIt(
      int warnAfter, int incidentAfter, int warnedAt, int declaredAt) {
    JobSpec spec = JobSpecs.paymentVerification(1, warnAfter, incidentAfter);
    JobFailureStreak streak = new JobFailureStreak(JobRecord.fresh());
    List<Integer> warnings = new ArrayList<>();
    List<Integer> declarations = new ArrayList<>();

    for (int failure = 1; failure <= 6; failure++) {
      JobFailureStreak.Escalation next = streak.failed(spec.alerts());
      if (next.warn()) {
        warnings.add(failure);
      }
      if (next.declare()) {
        declarations.add(failure);
        streak.declared("INC-" + failure);
      }
    }

    assertThat(warnings).isEqualTo(warnedAt == 0 ? List.of() : List.of(warnedAt));
    assertThat(declarations).isEqualTo(declaredAt == 0 ? List.of() : List.of(declaredAt));
  }

  @Test
  void anIncidentThatCouldNotBeDeclaredIsTriedAgainAtTheNextFailure() {
    JobSpec spec = JobSpecs.paymentVerification(1, 2, 3);
    JobFailureStreak streak = new JobFailureStreak(JobRecord.fresh());
    streak.failed(spec.alerts());
    streak.failed(spec.alerts());

    assertThat(streak.failed(spec.alerts()).declare()).isTrue();
    assertThat(streak.failed(spec.alerts()).declare()).isTrue();
    streak.declared("INC-1");
    assertThat(streak.failed(spec.alerts()).declare()).isFalse();
  }

  @Test
  void aSuccessEndsTheStreakAndReportsHowLongAWarnedOneWas() {
    JobSpec spec = JobSpecs.paymentVerification(1, 2, 3);
    JobFailureStreak streak = new JobFailureStreak(JobRecord.fresh());
    streak.failed(spec.alerts());
    assertThat(streak.succeeded()).as("a streak nobody was warned about ends quietly").isZero();

    for (int i = 0; i < 4; i++) {
      streak.failed(spec.alerts());
    }
    streak.declared("INC-1");
    assertThat(streak.succeeded()).isEqualTo(4);
    assertThat(streak.consecutiveFailures()).isZero();
    assertThat(streak.warned()).isFalse();
    assertThat(streak.incidentId()).isNull();
    assertThat(JobFailureStreak.recoveredText(spec, 4))
        .isEqualTo("✅ Job *payment-verification* succeeded again after 4 failed runs.");
  }

  @Test
  void aStreakCarriedAcrossContinueAsNewGoesOnWhereItWas() {
    JobSpec spec = JobSpecs.paymentVerification(1, 2, 3);
    JobRecord carried = new JobRecord(7, List.of(), null, 2, false, null, List.of(), true, null);
    JobFailureStreak streak = new JobFailureStreak(carried);

    JobFailureStreak.Escalation next = streak.failed(spec.alerts());

    assertThat(next).isEqualTo(new JobFailureStreak.Escalation(false, true));
    assertThat(streak.consecutiveFailures()).isEqualTo(3);
  }

  @Test
  void theIncidentIsNamedAfterTheJobTheDayAndTheRunAndSaysWhatFailed() {
    JobSpec spec = JobSpecs.paymentVerification(1, 2, 3);
    JobFailureStreak streak = new JobFailureStreak(JobRecord.fresh());
    for (int i = 0; i < 3; i++) {
      streak.failed(spec.alerts());
    }
    JobRun run = new JobRun(12, null, T0, T0, JobOutcome.FAILED, false, "answered 503");
    JobRun lastSuccess =
        new JobRun(9, null, T0.minusSeconds(86_400), T0, JobOutcome.SUCCEEDED, false, "ok");

    Declaration declaration = streak.declaration(spec, run, lastSuccess, T0);

    assertThat(declaration.id()).isEqualTo("INC-20260302-payment-verification-12");
    assertThat(declaration.title())
        .isEqualTo("Scheduled job payment-verification failed 3 times in a row");
    assertThat(declaration.description())
        .isEqualTo("Last error: answered 503 Last success: " + T0 + ". Schedule: 0 2 * * * (UTC).");
    assertThat(streak.warningText(spec, run, null))
        .endsWith("failed 3 times in a row. Last error: answered 503 It has not succeeded yet.");
  }
}
