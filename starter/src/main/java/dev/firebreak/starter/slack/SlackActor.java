package dev.firebreak.starter.slack;

import dev.firebreak.starter.service.Role;

/** The Slack user behind a command or click, with the role the config gives them. */
record SlackActor(String userId, Role role) {

  boolean may(Role needed) {
    return role.includes(needed);
  }
}
