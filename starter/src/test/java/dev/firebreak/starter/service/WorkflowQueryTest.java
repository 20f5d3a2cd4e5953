package dev.firebreak.starter.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkflowQueryTest {

  @Test
  void aListingTheServerFailedWithUnknownIsReadAgain() {
    AtomicInteger calls = new AtomicInteger();

    String listed =
        WorkflowQuery.listing(
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw Status.UNKNOWN
                    .withDescription("Application error processing RPC")
                    .asRuntimeException();
              }
              return "page";
            });

    assertThat(listed).isEqualTo("page");
    assertThat(calls).hasValue(2);
  }

  @Test
  void aListingThatKeepsFailingReportsTheFailureAfterThreeReads() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                WorkflowQuery.listing(
                    () -> {
                      calls.incrementAndGet();
                      throw Status.UNKNOWN.asRuntimeException();
                    }))
        .isInstanceOf(StatusRuntimeException.class);
    assertThat(calls).hasValue(3);
  }

  @Test
  void otherFailuresAreNotRetriedHere() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                WorkflowQuery.listing(
                    () -> {
                      calls.incrementAndGet();
                      throw Status.PERMISSION_DENIED.asRuntimeException();
                    }))
        .isInstanceOf(StatusRuntimeException.class);
    assertThat(calls).hasValue(1);
  }
}
