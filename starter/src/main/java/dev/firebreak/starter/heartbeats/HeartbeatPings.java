package dev.firebreak.starter.heartbeats;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.HeartbeatConfig;
import dev.firebreak.starter.config.HeartbeatSpecFactory;
import dev.firebreak.starter.config.SecretResolver;
import dev.firebreak.starter.service.ApiCaller;
import dev.firebreak.starter.service.ApiTokens;
import dev.firebreak.workflows.heartbeat.HeartbeatClock;
import dev.firebreak.workflows.heartbeat.HeartbeatPing;
import dev.firebreak.workflows.heartbeat.HeartbeatSpec;
import dev.firebreak.workflows.heartbeat.PingKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where pings come in, from the token URLs and the API: finds the heartbeat, keeps what the job
 * posted (its first {@value #BODY_LIMIT} bytes, with anything that looks like a secret redacted),
 * lets the {@link PingCoalescer} absorb what changes nothing and signals the rest.
 */
public final class HeartbeatPings {

  private static final Logger log = LoggerFactory.getLogger(HeartbeatPings.class);

  /** Healthchecks.io's default {@code PING_BODY_LIMIT}, announced in {@code Ping-Body-Limit}. */
  public static final int BODY_LIMIT = 10_000;

  /** Who a ping by token or slug URL is from: the URL carries no person's name. */
  public static final String BY_TOKEN = "ping";

  private final Map<String, HeartbeatSpec> specs;
  private final Map<String, HeartbeatClock> clocks;
  private final ApiTokens tokens;
  private final ApiTokens pingKey;
  private final Map<String, String> namesBySlug;
  private final HeartbeatWorkflows workflows;
  private final PingCoalescer coalescer;
  private final UnaryOperator<String> redactor;
  private final Clock clock;

  /**
   * @param tokens the ping tokens, each standing for its heartbeat's name; compared in constant
   *     time the way API tokens are
   * @param pingKey the project's ping key, if any, compared the same way
   * @param namesBySlug each heartbeat's name by its slug, for {@code /ping/<key>/<slug>}
   * @param redactor blanks out what looks like a credential in a body
   */
  public HeartbeatPings(
      List<HeartbeatSpec> specs,
      ApiTokens tokens,
      ApiTokens pingKey,
      Map<String, String> namesBySlug,
      HeartbeatWorkflows workflows,
      PingCoalescer coalescer,
      UnaryOperator<String> redactor,
      Clock clock) {
    Map<String, HeartbeatSpec> byName = new LinkedHashMap<>();
    Map<String, HeartbeatClock> clocksByName = new LinkedHashMap<>();
    specs.forEach(
        spec -> {
          byName.put(spec.name(), spec);
          clocksByName.put(spec.name(), new HeartbeatClock(spec));
        });
    this.specs = byName;
    this.clocks = clocksByName;
    this.tokens = tokens;
    this.pingKey = pingKey;
    this.namesBySlug = Map.copyOf(namesBySlug);
    this.workflows = workflows;
    this.coalescer = coalescer;
    this.redactor = redactor;
    this.clock = clock;
  }

  /**
   * The config's heartbeats with their ping tokens and the ping key resolved; a heartbeat whose
   * token variable is unset takes no token pings (and is logged), only slug and API pings.
   */
  public static HeartbeatPings of(
      FirebreakConfig config,
      HeartbeatSpecFactory specs,
      SecretResolver secrets,
      HeartbeatWorkflows workflows,
      UnaryOperator<String> redactor,
      Clock clock) {
    ApiTokens tokens = ApiTokens.none();
    Map<String, String> namesBySlug = new LinkedHashMap<>();
    for (HeartbeatConfig heartbeat : config.heartbeats()) {
      namesBySlug.put(heartbeat.effectiveSlug(), heartbeat.name());
      if (heartbeat.pingToken() == null) {
        continue;
      }
      Optional<String> token = secrets.resolve(heartbeat.pingToken());
      if (token.isEmpty()) {
        log.warn(
            "heartbeat '{}' takes no token pings: {} is not set",
            heartbeat.name(),
            heartbeat.pingToken());
        continue;
      }
      tokens = tokens.with(token.get(), new ApiCaller(heartbeat.name(), Set.of()));
    }
    ApiTokens pingKey = ApiTokens.none();
    if (config.heartbeatPingKey() != null) {
      Optional<String> key = secrets.resolve(config.heartbeatPingKey());
      if (key.isPresent()) {
        pingKey = pingKey.with(key.get(), new ApiCaller(BY_TOKEN, Set.of()));
      } else {
        log.warn("slug ping URLs are off: {} is not set", config.heartbeatPingKey());
      }
    }
    return new HeartbeatPings(
        specs.specs(),
        tokens,
        pingKey,
        namesBySlug,
        workflows,
        new PingCoalescer(),
        redactor,
        clock);
  }

  /** No heartbeats: every ping URL answers 404. */
  public static HeartbeatPings none(HeartbeatWorkflows workflows) {
    return new HeartbeatPings(
        List.of(),
        ApiTokens.none(),
        ApiTokens.none(),
        Map.of(),
        workflows,
        new PingCoalescer(),
        text -> text,
        Clock.systemUTC());
  }

  public HeartbeatWorkflows workflows() {
    return workflows;
  }

  /** Whether a heartbeat of this name is configured. */
  public Optional<HeartbeatSpec> spec(String name) {
    return Optional.ofNullable(specs.get(name));
  }

  public List<HeartbeatSpec> specs() {
    return List.copyOf(specs.values());
  }

  public PingCoalescer coalescer() {
    return coalescer;
  }

  /**
   * A ping by token URL; false, and nothing recorded, when no heartbeat has this token.
   *
   * @param body at most {@value #BODY_LIMIT} bytes; may be empty
   */
  public boolean byToken(
      String token, PingKind kind, Integer exitStatus, String runId, byte[] body) {
    Optional<String> name = tokens.authenticate(token).map(ApiCaller::name);
    if (name.isEmpty()) {
      return false;
    }
    receive(specs.get(name.get()), kind, exitStatus, runId, text(body), BY_TOKEN);
    return true;
  }

  /** Whether this is the project's ping key: then the URL's next segment is a slug. */
  public boolean isPingKey(String key) {
    return pingKey.authenticate(key).isPresent();
  }

  /**
   * A ping by {@code /ping/<key>/<slug>}; false, and nothing recorded, when the key is wrong or no
   * heartbeat has this slug.
   *
   * @param body at most {@value #BODY_LIMIT} bytes; may be empty
   */
  public boolean bySlug(
      String key, String slug, PingKind kind, Integer exitStatus, String runId, byte[] body) {
    String name = namesBySlug.get(slug);
    if (!isPingKey(key) || name == null) {
      return false;
    }
    receive(specs.get(name), kind, exitStatus, runId, text(body), BY_TOKEN);
    return true;
  }

  /** A ping through the API, by a token's holder; the heartbeat must be configured. */
  public void byName(
      String name, PingKind kind, Integer exitStatus, String runId, String body, String by) {
    receive(specs.get(name), kind, exitStatus, runId, body, by);
  }

  private void receive(
      HeartbeatSpec spec,
      PingKind kind,
      Integer exitStatus,
      String runId,
      String body,
      String source) {
    String kept = body == null || body.isEmpty() ? null : redactor.apply(body);
    HeartbeatPing ping =
        new HeartbeatPing(kind, exitStatus, runId, clock.instant(), kept, source, 0);
    Optional<HeartbeatPing> signal = coalescer.admit(spec, clocks.get(spec.name()), ping);
    if (signal.isEmpty()) {
      return;
    }
    try {
      workflows.ping(spec, signal.get());
    } catch (RuntimeException failed) {
      // The caller sees the failure and retries (curl --retry); the next ping must not be absorbed.
      coalescer.forget(spec.name());
      throw failed;
    }
  }

  private static String text(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    String text = new String(body, StandardCharsets.UTF_8);
    // A cut at the limit may split a character; its remains are not text.
    return body.length >= BODY_LIMIT ? text.replaceAll("\uFFFD+$", "") : text;
  }
}
