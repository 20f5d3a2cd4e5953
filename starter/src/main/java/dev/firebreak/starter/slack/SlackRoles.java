package dev.firebreak.starter.slack;

import dev.firebreak.starter.config.ProvidersConfig;
import dev.firebreak.starter.service.Role;
import java.util.HashMap;
import java.util.Map;

/**
 * Who may do what from Slack: {@code providers.slack.users} maps Slack user ids to roles, and
 * everyone else has {@code providers.slack.defaultRole}. The default default is responder: in an
 * on-call team anyone who sees a fire must be able to declare it and take it without first being
 * listed; teams that want a tighter room set {@code defaultRole: viewer} and list their responders.
 */
final class SlackRoles {

  static final Role DEFAULT_ROLE = Role.RESPONDER;

  private final Map<String, Role> byUser;
  private final Role unlisted;

  SlackRoles(Map<String, Role> byUser, Role unlisted) {
    this.byUser = Map.copyOf(byUser);
    this.unlisted = unlisted;
  }

  static SlackRoles from(ProvidersConfig.SlackProvider slack) {
    Map<String, Role> byUser = new HashMap<>();
    slack.users().forEach((user, role) -> byUser.put(user, Role.of(role)));
    return new SlackRoles(
        byUser, slack.defaultRole() == null ? DEFAULT_ROLE : Role.of(slack.defaultRole()));
  }

  SlackActor actor(String userId) {
    return new SlackActor(userId, byUser.getOrDefault(userId, unlisted));
  }
}
