package dev.firebreak.starter.config;

import java.util.List;

/**
 * Who is on call: rotation schedules, the organisation's holidays and its business hours.
 *
 * @param businessHours when people work; null when the config does not say (then no severity can
 *     wait for business hours)
 */
public record OnCallConfig(
    List<Schedule> schedules, HolidaysConfig holidays, BusinessHoursConfig businessHours) {

  public OnCallConfig {
    schedules = ConfigShape.listOf(schedules);
    holidays = holidays == null ? new HolidaysConfig(null, null) : holidays;
  }

  public static OnCallConfig none() {
    return new OnCallConfig(null, null, null);
  }

  /**
   * @param timeZone IANA zone of the layers' start dates, handoff times and restrictions; UTC when
   *     unset
   * @param services the services whose open incidents the incoming person hears about at handoff
   * @param layers rotations, later ones overriding earlier ones where they have someone on call
   */
  public record Schedule(String name, String timeZone, List<String> services, List<Layer> layers) {
    public Schedule {
      timeZone = timeZone == null ? JobConfig.DEFAULT_TIME_ZONE : timeZone;
      services = ConfigShape.listOf(services);
      layers = ConfigShape.listOf(layers);
    }
  }

  /**
   * @param turn {@code daily}, {@code weekly} (calendar days, handoffs at the same local time) or
   *     any duration such as {@code 12h} (elapsed time)
   * @param start the date of the first turn, {@code 2026-01-05}
   * @param handoff the local time turns change, {@code 09:00}; midnight when unset
   * @param restrictions the parts of the week the layer covers; all of it when empty
   */
  public record Layer(
      String name,
      String turn,
      String start,
      String handoff,
      List<Participant> participants,
      List<Restriction> restrictions) {
    public Layer {
      handoff = handoff == null ? "00:00" : handoff;
      participants = ConfigShape.listOf(participants);
      restrictions = ConfigShape.listOf(restrictions);
    }
  }

  /**
   * @param slackUserId the member id a page and a handoff notice mention ({@code U0123ABCD})
   * @param phone E.164, for {@code sms:} and {@code call:} pages
   */
  public record Participant(String name, String slackUserId, String phone, String email) {}

  /**
   * @param days {@code mon} … {@code sun}
   * @param from local start, {@code 09:00}
   * @param to local end, {@code 17:00}; at or before {@code from} it runs overnight
   */
  public record Restriction(List<String> days, String from, String to) {
    public Restriction {
      days = ConfigShape.listOf(days);
    }
  }

  /**
   * @param dates {@code 2026-12-25}
   * @param ical the path of an iCalendar file whose all-day events are holidays (an exported
   *     holiday calendar)
   */
  public record HolidaysConfig(List<String> dates, String ical) {
    public HolidaysConfig {
      dates = ConfigShape.listOf(dates);
    }
  }

  /**
   * @param days {@code mon} … {@code sun}; Monday to Friday when unset
   * @param timeZone UTC when unset
   */
  public record BusinessHoursConfig(List<String> days, String from, String to, String timeZone) {
    public BusinessHoursConfig {
      days =
          days == null || days.isEmpty()
              ? List.of("mon", "tue", "wed", "thu", "fri")
              : List.copyOf(days);
      from = from == null ? "09:00" : from;
      to = to == null ? "17:00" : to;
      timeZone = timeZone == null ? JobConfig.DEFAULT_TIME_ZONE : timeZone;
    }
  }
}
