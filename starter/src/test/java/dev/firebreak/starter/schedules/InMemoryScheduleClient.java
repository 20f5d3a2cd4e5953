package dev.firebreak.starter.schedules;

import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleBackfill;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.ScheduleUpdate;
import io.temporal.client.schedules.ScheduleUpdateInput;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.workflow.Functions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A namespace's Schedules in memory, as the server keeps them: creating an existing id fails, a
 * missing id fails on use, memos come back through the data converter. What the real server adds
 * (firing, rewriting cron into calendars) is left out: reconciliation never relies on it.
 */
final class InMemoryScheduleClient implements ScheduleClient {

  record Stored(Schedule schedule, Map<String, Payload> memo) {}

  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();

  final Map<String, Stored> schedules = new ConcurrentHashMap<>();
  int creates;
  int deletes;

  @Override
  public ScheduleHandle createSchedule(String id, Schedule schedule, ScheduleOptions options) {
    Map<String, Payload> memo = new LinkedHashMap<>();
    if (options.getMemo() != null) {
      options
          .getMemo()
          .forEach((key, value) -> memo.put(key, CONVERTER.toPayload(value).orElseThrow()));
    }
    if (schedules.putIfAbsent(id, new Stored(schedule, memo)) != null) {
      throw new ScheduleAlreadyRunningException(
          new IllegalStateException("schedule " + id + " already exists"));
    }
    creates++;
    return getHandle(id);
  }

  @Override
  public ScheduleHandle getHandle(String id) {
    return new Handle(id);
  }

  @Override
  public Stream<ScheduleListDescription> listSchedules() {
    return schedules.entrySet().stream()
        .map(
            e ->
                new ScheduleListDescription(
                    e.getKey(), null, null, e.getValue().memo(), CONVERTER, Map.of()));
  }

  @Override
  public Stream<ScheduleListDescription> listSchedules(Integer pageSize) {
    return listSchedules();
  }

  @Override
  public Stream<ScheduleListDescription> listSchedules(String query, Integer pageSize) {
    throw new UnsupportedOperationException("list queries need advanced visibility");
  }

  private final class Handle implements ScheduleHandle {
    private final String id;

    Handle(String id) {
      this.id = id;
    }

    private Stored stored() {
      Stored stored = schedules.get(id);
      if (stored == null) {
        throw new IllegalStateException("NOT_FOUND: schedule " + id);
      }
      return stored;
    }

    @Override
    public String getId() {
      return id;
    }

    @Override
    public void delete() {
      stored();
      schedules.remove(id);
      deletes++;
    }

    @Override
    public ScheduleDescription describe() {
      return new ScheduleDescription(
          id, null, stored().schedule(), Map.of(), null, stored().memo(), CONVERTER);
    }

    @Override
    public void update(Functions.Func1<ScheduleUpdateInput, ScheduleUpdate> updater) {
      ScheduleUpdate update = updater.apply(new ScheduleUpdateInput(describe()));
      schedules.put(id, new Stored(update.getSchedule(), stored().memo()));
    }

    @Override
    public void backfill(List<ScheduleBackfill> backfills) {
      throw new UnsupportedOperationException("not used by Firebreak");
    }

    @Override
    public void pause(String note) {
      throw new UnsupportedOperationException("pausing is the job workflow's business");
    }

    @Override
    public void pause() {
      pause(null);
    }

    @Override
    public void trigger(ScheduleOverlapPolicy overlapPolicy) {
      throw new UnsupportedOperationException("run-now is the job workflow's business");
    }

    @Override
    public void trigger() {
      trigger(null);
    }

    @Override
    public void unpause(String note) {
      pause(note);
    }

    @Override
    public void unpause() {
      pause(null);
    }
  }
}
