package dev.firebreak.worker;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;

/**
 * Takes the sticky queue out of every completed workflow task that reaches the embedded server over
 * its port. The Java SDK always asks for sticky execution, and the test server then sends the
 * workflow's next task to that worker's own queue and never times it out (a real server falls back
 * to the normal queue after a few seconds), so a worker that died left each workflow idle on it
 * stuck for good. Without the attribute the server sends every task, with the full history, to the
 * normal queue, where any live worker takes it. The worker's sticky polls stay harmless: no task is
 * ever routed to them.
 */
final class StickyQueuesOff implements ServerInterceptor {

  private static final String COMPLETED =
      WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName();

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    ServerCall.Listener<ReqT> listener = next.startCall(call, headers);
    if (!COMPLETED.equals(call.getMethodDescriptor().getFullMethodName())) {
      return listener;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(ReqT message) {
        super.onMessage(withoutStickyQueue(message));
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static <ReqT> ReqT withoutStickyQueue(ReqT message) {
    return (ReqT)
        ((RespondWorkflowTaskCompletedRequest) message).toBuilder().clearStickyAttributes().build();
  }
}
