package dev.firebreak.workflows.common;

import java.util.List;

/**
 * One {@code Workflow.getVersion} change id of a workflow type: what each branch does, which
 * committed histories (paths under {@code workflows/src/test/resources/histories}) replay through
 * each branch, and when the old branch may be deleted. {@code VersionRegistryTest} replays the
 * histories listed and checks each takes the branch it is listed under.
 *
 * @param id the change id passed to {@code getVersion}
 * @param version1 what the new branch (version 1) does
 * @param defaultVersion what the old branch ({@code DEFAULT_VERSION}, runs that began before the
 *     change) does
 * @param pinnedAtVersion1 committed histories whose replay takes version 1
 * @param pinnedAtDefault committed histories whose replay takes the old branch; empty only when no
 *     history can reach it ({@code oldBranchReachable} false)
 * @param oldBranchReachable false when no run, however old, can take the old branch, because the
 *     code asks only in a situation older runs could not be in
 * @param oldBranchGoes when the old branch, and the histories that pin it, may be deleted
 */
public record VersionedChange(
    String id,
    String version1,
    String defaultVersion,
    List<String> pinnedAtVersion1,
    List<String> pinnedAtDefault,
    boolean oldBranchReachable,
    String oldBranchGoes) {

  /**
   * When an unreachable old branch goes: now. The {@code getVersion} call stays while a run that
   * recorded its marker is open, so that run replays; only the version-1 branch stays behind it.
   */
  public static final String UNREACHABLE_OLD_BRANCH =
      "Now: the old branch is unreachable. Keep the getVersion call while a run that recorded its marker is open.";

  /** The usual rule: once the runs that began on the old code have finished. */
  public static String whenNoRunStartedBefore(String commit, String date) {
    return "When no run started before commit "
        + commit
        + " ("
        + date
        + ") is open; delete the old branch "
        + "with the histories that pin it.";
  }
}
