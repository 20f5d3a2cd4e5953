package dev.firebreak.workflows.rollback;

import dev.firebreak.workflows.common.VersionedChange;
import java.util.List;

/**
 * The rollback workflow's {@code getVersion} change ids, with the histories that pin each branch.
 */
public final class RollbackVersions {

  /** The approval is asked for in chat, with buttons, and the outcome posted there. */
  public static final String CHAT = "rollback-chat";

  public static final List<VersionedChange> CHANGES =
      List.of(
          new VersionedChange(
              CHAT,
              "A rollback with a channel asks for its approval there, with buttons, and posts its outcome.",
              "The rollback says nothing in chat. No run can take this branch: the channel came with the "
                  + "change, so a rollback requested before it has none, and the workflow asks for the "
                  + "version only when there is a channel.",
              List.of("rollback/approved-in-chat.json"),
              List.of(),
              false,
              VersionedChange.UNREACHABLE_OLD_BRANCH));

  private RollbackVersions() {}
}
