package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.Acknowledgement;
import dev.firebreak.workflows.incident.IncidentInput;
import dev.firebreak.workflows.incident.IncidentPolicies;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.Resolution;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Runs with the worker's logback-test.xml, which installs the filter as the process's logback.xml
 * does.
 */
class RefusedUpdateLogFilterTest {

  private final Logger sdkLogger =
      (Logger) LoggerFactory.getLogger(RefusedUpdateLogFilter.SDK_LOGGER);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final ScriptedDiagnostics diagnostics = new ScriptedDiagnostics();
  private TestWorkflowEnvironment env;
  private IncidentWorkflow incident;

  @BeforeEach
  void start() {
    logged.start();
    sdkLogger.addAppender(logged);
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RecordingNotices(), new RecordingChat(), new RecordingPager(), diagnostics);
    env.start();
    incident =
        env.getWorkflowClient()
            .newWorkflowStub(
                IncidentWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(IncidentWorkflow.workflowId("INC-LOG"))
                    .setTaskQueue(TaskQueue.NAME)
                    .build());
    WorkflowClient.start(
        incident::run,
        IncidentInput.declared(
            IncidentPolicies.declaration("INC-LOG", Severity.P1), IncidentPolicies.recoup()));
  }

  @AfterEach
  void stop() {
    env.close();
    sdkLogger.detachAppender(logged);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            "a validator's refusal (second acknowledgement)",
            (Consumer<RefusedUpdateLogFilterTest>)
                test -> {
                  test.incident.acknowledge(new Acknowledgement("bob"));
                  test.incident.acknowledge(new Acknowledgement("eve"));
                }),
        Arguments.of(
            "a handler's refusal (resolve while unhealthy)",
            (Consumer<RefusedUpdateLogFilterTest>)
                test -> {
                  test.diagnostics.healthy = false;
                  test.incident.resolve(new Resolution("bob", "fixed", null));
                }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void aRefusedCommandIsNotLoggedAsAWarningWithAStackTrace(
      String what, Consumer<RefusedUpdateLogFilterTest> refused) {
    assertThatThrownBy(() -> refused.accept(this)).isInstanceOf(WorkflowUpdateException.class);

    assertThat(logged.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
  }

  @Test
  void otherWarningsOfTheSdkStillGetThrough() {
    sdkLogger.warn("Workflow execution failure", new IllegalStateException("broken"));

    assertThat(logged.list)
        .singleElement()
        .satisfies(event -> assertThat(event.getLevel()).isEqualTo(Level.WARN));
  }
}
