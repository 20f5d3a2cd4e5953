package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.oncall.OnCallActivities;
import dev.firebreak.workflows.oncall.OnCallAnswer;
import dev.firebreak.workflows.oncall.OnCallPerson;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Workflow tests' on-call schedules: who each schedule has on call is set by the test (a schedule
 * with nobody set is a gap), and every question is remembered.
 */
public class ScriptedOnCall implements OnCallActivities {

  public static final OnCallPerson ALICE =
      new OnCallPerson("Alice", "U0ALICE", "+15550100", "alice@example.com");
  public static final OnCallPerson BOB =
      new OnCallPerson("Bob", "U0BOB", "+15550101", "bob@example.com");

  public final Map<String, OnCallPerson> onCall = new ConcurrentHashMap<>();
  public final List<String> asked = new CopyOnWriteArrayList<>();

  /**
   * Set to make the next question fail, as a worker that dies while asking would, with this person
   * taking the schedule over before the retry.
   */
  public volatile OnCallPerson handOverWhileFailing;

  /** Set to make every question fail, as a schedule service that is down would. */
  public volatile boolean down;

  @Override
  public OnCallAnswer whoIsOnCall(String schedule, Instant at) {
    asked.add(schedule);
    if (down) {
      throw new IllegalStateException("schedule service unavailable");
    }
    OnCallPerson incoming = handOverWhileFailing;
    if (incoming != null) {
      handOverWhileFailing = null;
      onCall.put(schedule, incoming);
      throw new IllegalStateException("worker lost while asking " + schedule);
    }
    OnCallPerson person = onCall.get(schedule);
    return new OnCallAnswer(
        schedule, at, person, person == null ? null : "layer weekly", at.plusSeconds(3600));
  }
}
