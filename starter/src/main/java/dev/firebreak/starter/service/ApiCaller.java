package dev.firebreak.starter.service;

import java.util.Set;

/** Who is calling, as their token says: the name is recorded as the actor of what they do. */
public record ApiCaller(String name, Set<Role> roles) {
  public ApiCaller {
    roles = Set.copyOf(roles);
  }

  public boolean may(Role needed) {
    return roles.stream().anyMatch(r -> r.includes(needed));
  }
}
