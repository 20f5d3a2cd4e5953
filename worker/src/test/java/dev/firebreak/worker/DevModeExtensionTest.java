package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Named.named;

import dev.firebreak.activities.fakes.FakeHttpEndpoint;
import dev.firebreak.activities.fakes.FakeSlack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extension's callbacks called as JUnit calls them around an end-to-end class, without dev mode
 * itself (its log is this JVM's log, whoever writes it). None of them reads the context.
 */
class DevModeExtensionTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Logger log = LoggerFactory.getLogger(FirebreakProcess.class);

  private final DevModeExtension devMode = new DevModeExtension();

  /** How JUnit hands the extension a failure: from a test or from one of the class's set-ups. */
  @FunctionalInterface
  interface FailureHandler {
    void handle(DevModeExtension extension, Throwable failure) throws Throwable;
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        Arguments.of(
            named(
                "a failing test",
                (FailureHandler) (e, failure) -> e.handleTestExecutionException(null, failure))),
        Arguments.of(
            named(
                "a failing @BeforeAll",
                (FailureHandler)
                    (e, failure) -> e.handleBeforeAllMethodExecutionException(null, failure))),
        Arguments.of(
            named(
                "a failing @BeforeEach",
                (FailureHandler)
                    (e, failure) -> e.handleBeforeEachMethodExecutionException(null, failure))),
        Arguments.of(
            named(
                "a failing @AfterEach",
                (FailureHandler)
                    (e, failure) -> e.handleAfterEachMethodExecutionException(null, failure))));
  }

  @BeforeEach
  void startClass() {
    devMode.beforeAll(null);
  }

  @AfterEach
  void endClass() throws Exception {
    devMode.afterAll(null);
  }

  private static void post(String url, String contentType, String body)
      throws IOException, InterruptedException {
    HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.discarding());
  }

  private String reportOf(FailureHandler handler) {
    AssertionError failure = new AssertionError("expected RESOLVED but was MITIGATING");
    Throwable thrown = catchThrowable(() -> handler.handle(devMode, failure));
    assertThat(thrown).as("the failure itself is rethrown").isSameAs(failure);
    assertThat(failure.getSuppressed()).singleElement().isInstanceOf(DevModeReport.class);
    return failure.getSuppressed()[0].getMessage();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void aFailureCarriesWhatWasLoggedAndWhatEachFakeReceivedWithoutTheSlackToken(
      FailureHandler handler) throws Exception {
    FakeHttpEndpoint cdn = devMode.closeAfter(new FakeHttpEndpoint());
    FakeSlack slack = devMode.closeAfter(new FakeSlack());
    log.warn("purge of {} failed", "cdn-eu");
    post(cdn.url("/purge"), "application/json", "{\"zone\":\"eu\"}");
    post(
        slack.apiUrlPrefix() + "chat.postMessage",
        "application/x-www-form-urlencoded",
        "token=" + slack.token() + "&channel=C0INCIDENTS&text=INC-1+declared");

    String report = reportOf(handler);

    assertThat(report)
        .contains("WARN FirebreakProcess - purge of cdn-eu failed")
        .contains("FakeHttpEndpoint received 1 calls:\n  POST /purge {\"zone\":\"eu\"}")
        .contains("FakeSlack received 1 calls:\n  chat.postMessage {channel=C0INCIDENTS,")
        .contains("text=INC-1 declared}")
        .doesNotContain(slack.token());
  }

  @Test
  void aLongLogAndAFakeWithManyCallsAreCutToTheirLastLinesAndSaySo() throws Exception {
    FakeHttpEndpoint cdn = devMode.closeAfter(new FakeHttpEndpoint());
    int calls = DevModeExtension.CALLS_PER_FAKE + 3;
    for (int i = 1; i <= calls; i++) {
      post(cdn.url("/purge/" + i + "/"), "application/json", "{}");
    }
    int lines = DevModeExtension.LOG_LINES + 5;
    IntStream.rangeClosed(1, lines).forEach(i -> log.warn("line #{}:", i));

    String report = reportOf((e, failure) -> e.handleTestExecutionException(null, failure));

    assertThat(report)
        .contains("Log, last " + DevModeExtension.LOG_LINES + " lines (5 earlier ones left out)")
        .contains("line #6:", "line #" + lines + ":")
        .doesNotContain("line #5:")
        .contains("received " + calls + " calls, the last " + DevModeExtension.CALLS_PER_FAKE)
        .contains("POST /purge/4/", "POST /purge/" + calls + "/")
        .doesNotContain("POST /purge/3/");
  }
}
