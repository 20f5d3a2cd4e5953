package dev.firebreak.workflows.oncall;

import dev.firebreak.workflows.common.Delivery;
import java.util.List;

/**
 * What a page of a level with schedules did.
 *
 * @param answers what each schedule answered, in the level's order, for the timeline
 * @param delivery what the page did; null when the schedules left nobody to page
 */
public record OnCallPaged(List<ScheduleAnswer> answers, Delivery delivery) {}
