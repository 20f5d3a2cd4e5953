package dev.firebreak.worker;

import dev.firebreak.activities.dryrun.DryRunErrorCounts;
import dev.firebreak.activities.dryrun.DryRunMaintenanceMail;
import dev.firebreak.activities.dryrun.DryRunPagingActivities;
import dev.firebreak.activities.dryrun.DryRunStatusPageActivities;
import dev.firebreak.activities.dryrun.DryRunWebhookActivities;
import dev.firebreak.activities.dryrun.DryRunWebhookDelivery;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.SecretExpander;
import dev.firebreak.activities.pagerduty.PagerDutyClient;
import dev.firebreak.activities.pagerduty.PagerDutyPaging;
import dev.firebreak.activities.paging.PagingRouter;
import dev.firebreak.activities.paging.PagingRouter.Route;
import dev.firebreak.activities.sendgrid.EmailPaging;
import dev.firebreak.activities.sendgrid.SendGridClient;
import dev.firebreak.activities.sendgrid.SendGridMaintenanceMail;
import dev.firebreak.activities.sentry.SentryClient;
import dev.firebreak.activities.sentry.SentryErrorCounts;
import dev.firebreak.activities.statuspage.StatuspageActivitiesImpl;
import dev.firebreak.activities.statuspage.StatuspageClient;
import dev.firebreak.activities.stripe.StripeClient;
import dev.firebreak.activities.stripe.StripeWebhookActivities;
import dev.firebreak.activities.twilio.CallPaging;
import dev.firebreak.activities.twilio.SmsPaging;
import dev.firebreak.activities.twilio.TwilioClient;
import dev.firebreak.activities.webhooks.EventBodies;
import dev.firebreak.activities.webhooks.WebhookRedelivery;
import dev.firebreak.starter.config.ProvidersConfig;
import dev.firebreak.starter.config.SecretResolver;
import dev.firebreak.workflows.notify.PagingActivities;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Wires the paging, public-status, error-count and webhook providers: live when the secret their
 * config references is set, dry-run when it is not, and (for paging) no route at all when the
 * provider is not configured, which the router then reports as a target nobody can reach.
 */
final class IncidentProviders {

  /** Ten pages of events: what a few batches ahead of the delivery need, a few MB at most. */
  private static final int EVENT_BODIES_KEPT = 1000;

  private final ProvidersConfig providers;
  private final Function<String, String> env;
  private final SecretResolver secrets;
  private final HttpTransport transport;
  private final Duration timeout;
  private final List<String> summary;

  /**
   * @param summary receives one line per provider saying live or dry-run, and why
   */
  IncidentProviders(
      ProvidersConfig providers,
      Function<String, String> env,
      HttpTransport transport,
      Duration timeout,
      List<String> summary) {
    this.providers = providers;
    this.env = env;
    this.secrets = new SecretResolver(env);
    this.transport = transport;
    this.timeout = timeout;
    this.summary = summary;
  }

  /** The paging activities: every scheme routed to its provider, Slack to {@code slackPager}. */
  PagingActivities paging(PagingActivities slackPager) {
    Map<String, Route> routes = new HashMap<>();
    routes.put("slack", Route.grouped(slackPager));
    ProvidersConfig.PagerDutyProvider pagerDuty = providers.pagerduty();
    if (pagerDuty != null) {
      routes.put(
          PagerDutyPaging.SCHEME,
          Route.withIncident(
              this.<PagingActivities>live(
                      "PagerDuty",
                      "PAGERDUTY",
                      pagerDuty.routingKey(),
                      PagerDutyClient.DEFAULT_BASE_URL,
                      (url, key) ->
                          new PagerDutyPaging(new PagerDutyClient(transport, url, key, timeout)))
                  .orElseGet(DryRunPagingActivities::new)));
    }
    ProvidersConfig.TwilioProvider twilio = providers.twilio();
    if (twilio != null) {
      // Texts and calls share the account, its client and its one summary line.
      Optional<TwilioClient> client =
          this.live(
              "Twilio",
              "TWILIO",
              twilio.authToken(),
              TwilioClient.DEFAULT_BASE_URL,
              (url, token) ->
                  new TwilioClient(
                      transport, url, twilio.accountSid(), token, twilio.from(), timeout));
      routes.put(
          SmsPaging.SCHEME,
          Route.onePerTarget(
              client
                  .<PagingActivities>map(
                      c ->
                          new SmsPaging(
                              c, twilio.publicUrl() != null && !twilio.publicUrl().isBlank()))
                  .orElseGet(DryRunPagingActivities::new)));
      routes.put(
          CallPaging.SCHEME,
          Route.onePerTarget(
              client
                  .<PagingActivities>map(c -> new CallPaging(c, twilio.publicUrl()))
                  .orElseGet(DryRunPagingActivities::new)));
    }
    ProvidersConfig.SendGridProvider sendGrid = providers.sendgrid();
    if (sendGrid != null) {
      routes.put(
          EmailPaging.SCHEME,
          Route.grouped(
              this.<PagingActivities>live(
                      "SendGrid",
                      "SENDGRID",
                      sendGrid.apiKey(),
                      SendGridClient.DEFAULT_BASE_URL,
                      (url, key) ->
                          new EmailPaging(
                              new SendGridClient(transport, url, key, sendGrid.from(), timeout)))
                  .orElseGet(DryRunPagingActivities::new)));
    }
    return new PagingRouter(routes);
  }

  /**
   * The public status page, the assessment's error counts, the undelivered-webhook listing and
   * re-delivery, and maintenance mail.
   */
  List<Object> others() {
    ProvidersConfig.StatuspageProvider statuspage = providers.statuspage();
    ProvidersConfig.SentryProvider sentry = providers.sentry();
    ProvidersConfig.StripeProvider stripe = providers.stripe();
    List<Object> implementations =
        new ArrayList<>(
            List.of(
                this.<Object>live(
                        "Statuspage",
                        "STATUSPAGE",
                        statuspage == null ? null : statuspage.apiKey(),
                        StatuspageClient.DEFAULT_BASE_URL,
                        (url, key) ->
                            new StatuspageActivitiesImpl(
                                new StatuspageClient(
                                    transport, url, key, statuspage.pageId(), timeout)))
                    .orElseGet(DryRunStatusPageActivities::new),
                this.<Object>live(
                        "Sentry",
                        "SENTRY",
                        sentry == null ? null : sentry.authToken(),
                        SentryClient.DEFAULT_BASE_URL,
                        (url, token) ->
                            new SentryErrorCounts(
                                new SentryClient(
                                    transport, url, token, sentry.organisation(), timeout)))
                    .orElseGet(DryRunErrorCounts::new)));
    implementations.addAll(
        this.<List<Object>>live(
                "Stripe",
                "STRIPE",
                stripe == null ? null : stripe.apiKey(),
                StripeClient.DEFAULT_BASE_URL,
                this::stripeWebhooks)
            .orElseGet(() -> List.of(new DryRunWebhookActivities(), new DryRunWebhookDelivery())));
    implementations.add(maintenanceMail());
    return implementations;
  }

  /**
   * Listing and re-delivery share one client and the bodies a page brought: a page of events costs
   * Stripe one call.
   */
  private List<Object> stripeWebhooks(String url, String key) {
    StripeClient client = new StripeClient(transport, url, key, timeout);
    EventBodies bodies = new EventBodies(EVENT_BODIES_KEPT);
    return List.of(
        new StripeWebhookActivities(client, bodies),
        new WebhookRedelivery(client, bodies, transport, new SecretExpander(env), timeout));
  }

  /** Maintenance announcements by mail go through the same SendGrid account as email paging. */
  private Object maintenanceMail() {
    ProvidersConfig.SendGridProvider sendGrid = providers.sendgrid();
    Optional<String> key = sendGrid == null ? Optional.empty() : secrets.resolve(sendGrid.apiKey());
    return key.<Object>map(
            k ->
                new SendGridMaintenanceMail(
                    new SendGridClient(
                        transport,
                        ProviderActivities.urlFor(env, "SENDGRID", SendGridClient.DEFAULT_BASE_URL),
                        k,
                        sendGrid.from(),
                        timeout)))
        .orElseGet(DryRunMaintenanceMail::new);
  }

  /**
   * The live implementation when the secret resolves, else empty; either way one summary line.
   *
   * @param envPrefix {@code <PROVIDER>}: {@code <PROVIDER>_API_URL} overrides the base URL
   */
  private <T> Optional<T> live(
      String name,
      String envPrefix,
      String secretReference,
      String defaultUrl,
      BiFunction<String, String, T> build) {
    Optional<String> secret = secrets.resolve(secretReference);
    if (secret.isEmpty()) {
      summary.add(
          name
              + ": dry-run ("
              + (secretReference == null
                  ? "not configured"
                  : "set " + secretReference.replaceAll("[${}]", "") + " to go live")
              + ")");
      return Optional.empty();
    }
    String url = ProviderActivities.urlFor(env, envPrefix, defaultUrl);
    summary.add(name + ": live (" + url + ")");
    return Optional.of(build.apply(url, secret.get()));
  }
}
