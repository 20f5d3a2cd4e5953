package dev.firebreak.workflows.common;

import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Records what each {@code Workflow.getVersion} call answered while histories replay. Reading the
 * answers rather than the history's markers is what tells the old branch apart: the SDK writes no
 * marker for {@code DEFAULT_VERSION}, so a history without a change id's marker pins the old branch
 * only if the code reached that {@code getVersion} call while replaying it.
 */
public final class VersionsSeen extends WorkerInterceptorBase {

  private final Map<String, Set<Integer>> versions = new LinkedHashMap<>();

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(
            new WorkflowOutboundCallsInterceptorBase(outbound) {
              @Override
              public int getVersion(String changeId, int minSupported, int maxSupported) {
                int version = super.getVersion(changeId, minSupported, maxSupported);
                record(changeId, version);
                return version;
              }
            });
      }
    };
  }

  private synchronized void record(String changeId, int version) {
    versions.computeIfAbsent(changeId, id -> new TreeSet<>()).add(version);
  }

  /** Each change id the replay asked about, with every version it answered. */
  public synchronized Map<String, Set<Integer>> byChangeId() {
    Map<String, Set<Integer>> copy = new LinkedHashMap<>();
    versions.forEach((id, seen) -> copy.put(id, Set.copyOf(seen)));
    return copy;
  }
}
