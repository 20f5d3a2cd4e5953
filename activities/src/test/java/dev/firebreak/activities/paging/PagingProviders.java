package dev.firebreak.activities.paging;

import dev.firebreak.activities.dryrun.DryRunPagingActivities;
import dev.firebreak.activities.fakes.FakePagerDuty;
import dev.firebreak.activities.fakes.FakeSendGrid;
import dev.firebreak.activities.fakes.FakeTwilio;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.pagerduty.PagerDutyClient;
import dev.firebreak.activities.pagerduty.PagerDutyPaging;
import dev.firebreak.activities.sendgrid.EmailPaging;
import dev.firebreak.activities.sendgrid.SendGridClient;
import dev.firebreak.activities.twilio.CallPaging;
import dev.firebreak.activities.twilio.SmsPaging;
import dev.firebreak.activities.twilio.TwilioClient;
import java.time.Duration;
import java.util.Map;

/**
 * Fake PagerDuty, Twilio (texts and calls) and SendGrid with the real pagers on them; Slack pages
 * in dry-run.
 */
public final class PagingProviders implements AutoCloseable {

  public static final String ROUTING_KEY = "R0UTINGKEY0000000000000000000001";
  private static final String SID = "AC0123456789abcdef0123456789abcdef";
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final HttpTransport TRANSPORT = HttpTransport.withCallDeadlinesOnly();

  public final FakePagerDuty pagerDuty = new FakePagerDuty(ROUTING_KEY);
  public final FakeTwilio twilio = new FakeTwilio(SID, "auth-token");
  public final FakeSendGrid sendGrid = new FakeSendGrid("SG.key", "incidents@recoup.com");

  /** Where the call pages' key presses go back to. */
  public static final String PUBLIC_URL = "https://firebreak.example.com";

  private TwilioClient twilioClient() {
    return new TwilioClient(
        TRANSPORT, twilio.baseUrl(), SID, "auth-token", "+15005550006", TIMEOUT);
  }

  /** Every scheme routed the way the worker routes it. */
  public Map<String, PagingRouter.Route> routes() {
    return Map.of(
        "slack", PagingRouter.Route.grouped(new DryRunPagingActivities()),
        "pagerduty",
            PagingRouter.Route.withIncident(
                new PagerDutyPaging(
                    new PagerDutyClient(TRANSPORT, pagerDuty.baseUrl(), ROUTING_KEY, TIMEOUT))),
        "sms", PagingRouter.Route.onePerTarget(new SmsPaging(twilioClient(), true)),
        "call", PagingRouter.Route.onePerTarget(new CallPaging(twilioClient(), PUBLIC_URL)),
        "email",
            PagingRouter.Route.grouped(
                new EmailPaging(
                    new SendGridClient(
                        TRANSPORT,
                        sendGrid.baseUrl(),
                        "SG.key",
                        "incidents@recoup.com",
                        TIMEOUT))));
  }

  @Override
  public void close() {
    pagerDuty.close();
    twilio.close();
    sendGrid.close();
  }
}
