package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docker-compose.yml, the Dockerfile and .env.example: what a team deploys next to Temporal. */
class DeploymentFilesTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern VARIABLE = Pattern.compile("(?<!\\$)\\$\\{([A-Z][A-Z0-9_]*)");

  @Test
  void envExampleNamesEveryVariableTheComposeFileAndTheExamplesUse() throws IOException {
    Set<String> used =
        new TreeSet<>(variablesIn(Files.readString(ROOT.resolve("docker-compose.yml"))));
    try (Stream<Path> examples = Files.list(ROOT.resolve("examples"))) {
      for (Path example : examples.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        used.addAll(variablesIn(Files.readString(example)));
      }
    }
    used.remove("ENV"); // the examples' comments explain the ${ENV} syntax itself

    assertThat(envExampleNames()).containsAll(used);
  }

  @Test
  void composeSetsUpTheSchemaThenRunsTemporalThenItsNamespaceAndSearchAttributesBeforeFirebreak()
      throws IOException {
    JsonNode compose =
        new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
    JsonNode services = compose.get("services");

    assertThat(services.get("postgresql").get("image").asText()).startsWith("postgres:");
    assertThat(services.get("temporal-schema").get("image").asText())
        .startsWith("temporalio/admin-tools:");
    assertThat(services.get("temporal-schema").get("command").toString())
        .contains("temporal-sql-tool", "update-schema");
    assertThat(services.get("temporal").get("image").asText()).startsWith("temporalio/server:");
    assertThat(services.get("temporal").get("environment").get("DB").asText())
        .isEqualTo("postgres12");
    assertThat(services.get("temporal").at("/depends_on/temporal-schema/condition").asText())
        .isEqualTo("service_completed_successfully");
    assertThat(services.get("temporal-namespace").get("command").toString())
        .contains("namespace create", "FirebreakSeverity", "FirebreakStatus", "FirebreakService");
    assertThat(compose.at("/x-firebreak/depends_on/temporal-namespace/condition").asText())
        .isEqualTo("service_completed_successfully");
    assertThat(services.get("temporal-ui").get("image").asText()).startsWith("temporalio/ui:");
    assertThat(services.get("firebreak-worker").get("command").toString()).contains("worker");
    assertThat(services.get("firebreak-api").get("command").toString()).contains("api", "0.0.0.0");
    // Both Firebreak services merge the x-firebreak block (Jackson keeps the YAML merge key as it
    // is).
    assertThat(compose.at("/x-firebreak/build").asText()).isEqualTo(".");
    assertThat(services.get("firebreak-api").has("<<")).isTrue();
    assertThat(services.get("firebreak-worker").has("<<")).isTrue();
  }

  @Test
  void everyImageIsPinnedToAVersion() throws IOException {
    JsonNode services =
        new ObjectMapper(new YAMLFactory())
            .readTree(ROOT.resolve("docker-compose.yml").toFile())
            .get("services");
    services
        .properties()
        .forEach(
            service -> {
              String image = service.getValue().path("image").asText("");
              if (!image.isEmpty() && !image.equals("firebreak:local")) {
                assertThat(image)
                    .as(service.getKey())
                    .matches(".+:\\$\\{[A-Z_]+:-\\d+(\\.\\d+)+\\}");
              }
            });
  }

  /**
   * The benchmarks measure the servers with the JIT option users run them with: the launcher's and
   * the image's, which must stay the same one.
   */
  @Test
  void theLauncherAndTheImageRunTheServersWithTheJitTheBenchmarksMeasure() throws IOException {
    String launcher = Files.readString(ROOT.resolve("firebreak"));
    String serverLine =
        launcher
            .lines()
            .filter(line -> line.startsWith("exec java") && line.contains("\"$@\""))
            .reduce((first, last) -> last)
            .orElseThrow();

    assertThat(serverLine)
        .startsWith("exec java " + BenchmarkStack.SERVER_JIT + " ${FIREBREAK_JAVA_OPTS:-} -jar");
    assertThat(Files.readString(ROOT.resolve("Dockerfile")))
        .contains("ENV JDK_JAVA_OPTIONS=\"" + BenchmarkStack.SERVER_JIT + "\"");
  }

  @Test
  void theImageIsBuiltOnlyFromTheMavenBuildsOutput() throws IOException {
    List<String> copied =
        Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
            .map(String::trim)
            .filter(line -> line.startsWith("COPY") || line.startsWith("ADD"))
            .map(line -> line.split("\\s+")[1])
            .toList();
    List<String> context =
        Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
            .map(String::trim)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .toList();

    assertThat(copied).containsExactly("worker/target/firebreak.jar");
    assertThat(context).containsExactly("*", "!worker/target/firebreak.jar");
  }

  /**
   * No Docker engine runs here or in CI, but a compose implementation parses and validates the file
   * without one: Debian's docker-compose (1.29.2, which CI installs) or the docker compose plugin.
   */
  @Test
  void aComposeImplementationAcceptsTheFile() throws Exception {
    List<String> command =
        onPath("docker-compose")
            ? List.of("docker-compose", "-f", "docker-compose.yml", "config", "--quiet")
            : onPath("docker") && succeeds("docker", "compose", "version")
                ? List.of("docker", "compose", "-f", "docker-compose.yml", "config", "--quiet")
                : List.of();
    boolean required = "true".equals(System.getenv("FIREBREAK_REQUIRE_COMPOSE"));
    if (command.isEmpty() && required) {
      throw new AssertionError(
          "FIREBREAK_REQUIRE_COMPOSE is set but neither docker-compose nor docker compose is installed");
    }
    assumeTrue(
        !command.isEmpty(),
        "no compose implementation is installed here (apt-get install docker-compose)");
    Process check =
        new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(new String(check.getInputStream().readAllBytes())).isZero();
  }

  private static Set<String> envExampleNames() throws IOException {
    return Files.readAllLines(ROOT.resolve(".env.example")).stream()
        .map(line -> line.startsWith("# ") ? line.substring(2) : line)
        .filter(line -> line.matches("[A-Z][A-Z0-9_]*=.*"))
        .map(line -> line.substring(0, line.indexOf('=')))
        .collect(Collectors.toSet());
  }

  private static Set<String> variablesIn(String text) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = VARIABLE.matcher(text);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  private static boolean succeeds(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getInputStream().readAllBytes();
    return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
  }

  private static boolean onPath(String command) {
    String path = System.getenv("PATH");
    return path != null
        && Stream.of(path.split(java.io.File.pathSeparator))
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
