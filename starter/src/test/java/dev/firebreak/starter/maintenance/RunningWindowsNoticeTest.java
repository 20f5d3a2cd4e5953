package dev.firebreak.starter.maintenance;

import static org.awaitility.Awaitility.await;

import dev.firebreak.workflows.maintenance.IncidentNotice;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A burst of critical incidents shares the lists of running windows: each list costs the server a
 * visibility read and every open window a query.
 */
class RunningWindowsNoticeTest {

  private static final Duration GATHER = Duration.ofSeconds(1);

  private final AtomicInteger lists = new AtomicInteger();
  private TestWorkflowEnvironment env;
  private RunningWindows windows;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    env.start();
    ClientInterceptor countLists =
        new ClientInterceptor() {
          @Override
          public <Q, A> ClientCall<Q, A> interceptCall(
              MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
            if (method.getBareMethodName().equals("ListOpenWorkflowExecutions")) {
              lists.incrementAndGet();
            }
            return next.newCall(method, options);
          }
        };
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder(env.getWorkflowServiceStubs().getOptions())
                .setGrpcClientInterceptors(List.of(countLists))
                .build());
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(env.getNamespace()).build());
    windows = new RunningWindows(client, Clock.systemUTC(), GATHER);
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void noticesThatArriveTogetherShareOneListAndALaterOneReadsItsOwn() throws Exception {
    for (int i = 1; i <= 10; i++) {
      windows.tellRunningWindows(notice(i));
      Thread.sleep(10);
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> lists.get() >= 1);
    await()
        .during(GATHER.multipliedBy(2))
        .atMost(GATHER.multipliedBy(4))
        .until(() -> lists.get() == 1);

    windows.tellRunningWindows(notice(11));

    await().atMost(Duration.ofSeconds(10)).until(() -> lists.get() == 2);
  }

  private static IncidentNotice notice(int n) {
    return new IncidentNotice("INC-" + n, "P1", "Checkout returns 500", "checkout");
  }
}
