package dev.firebreak.starter.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.firebreak.workflows.common.EnvReferences;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads firebreak.yaml into {@link FirebreakConfig}, checking its shape and content.
 *
 * <p>Secrets stay {@code ${ENV}} references. URL fields (health URLs, status pages) are different:
 * {@code ${NAME}} in them is replaced from the {@code urlVariables} the caller passes, which is how
 * the demo config points at the dev server ({@code ${FIREBREAK_DEV_URL}}); a variable not passed is
 * left in place and reported.
 */
public final class ConfigLoader {

  public static final String DEMO_RESOURCE = "/dev/firebreak/demo-firebreak.yaml";
  public static final String DEV_URL_VARIABLE = "FIREBREAK_DEV_URL";

  private final ObjectMapper yaml =
      YAMLMapper.builder()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          // ConfigShape has already reported and removed unknown keys.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();
  private final ConfigValidator validator = new ConfigValidator();

  /**
   * What {@code ${FIREBREAK_DEV_URL}} stands for when a file is only checked: dev mode's default
   * address.
   */
  static final String CHECKED_DEV_URL = "http://127.0.0.1:8080";

  private final Map<String, String> urlVariables;
  private final ConfigWarnings warnings;
  private final OnCallWarnings oncallWarnings;

  public ConfigLoader(Map<String, String> urlVariables) {
    this(urlVariables, System::getenv, Clock.systemUTC());
  }

  private ConfigLoader(
      Map<String, String> urlVariables, Function<String, String> environment, Clock clock) {
    this.urlVariables = Map.copyOf(urlVariables);
    this.warnings = new ConfigWarnings(environment);
    this.oncallWarnings = new OnCallWarnings(clock);
  }

  /** A loader that expands no URL variables: for production files. */
  public ConfigLoader() {
    this(Map.of());
  }

  /**
   * The loader of {@code config check}: it reads a file as {@code firebreak dev --config} would, so
   * a dev config's {@code ${FIREBREAK_DEV_URL}} checks, and its warnings say what only dev mode
   * runs and which variables the calls need.
   *
   * @param environment looks a variable up by name, null when it is not set ({@code
   *     System::getenv})
   */
  public static ConfigLoader forCheck(Function<String, String> environment) {
    return forCheck(environment, Clock.systemUTC());
  }

  /**
   * @param clock the time {@code config check} runs, from which coverage gaps in the next 14 days
   *     are looked for
   */
  public static ConfigLoader forCheck(Function<String, String> environment, Clock clock) {
    return new ConfigLoader(Map.of(DEV_URL_VARIABLE, CHECKED_DEV_URL), environment, clock);
  }

  public ConfigCheck check(String text) {
    List<ConfigProblem> problems = new ArrayList<>();
    JsonNode root;
    try {
      root = yaml.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      // Braces end a value inside YAML's { ... } and [ ... ], so an unquoted ${VAR} breaks them.
      String hint =
          text.contains("${") && e.getOriginalMessage().contains("flow")
              ? "; inside { ... } or [ ... ] write ${VAR} references in quotes, e.g. \"${SLACK_BOT_TOKEN}\""
              : "";
      return new ConfigCheck(
          null,
          List.of(
              new ConfigProblem(
                  "(file)", "is not valid YAML: " + e.getOriginalMessage() + where + hint)));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new ConfigCheck(null, List.of(new ConfigProblem("(file)", "is empty")));
    }
    JsonNode pruned = new ConfigShape(problems).prune(root, FirebreakConfig.class, "");
    if (pruned == null) {
      return new ConfigCheck(null, problems);
    }
    FirebreakConfig config;
    try {
      config = yaml.treeToValue(pruned, FirebreakConfig.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      problems.add(new ConfigProblem("(file)", "cannot be read: " + e.getMessage()));
      return new ConfigCheck(null, problems);
    }
    List<ConfigProblem> warned = new ArrayList<>(warnings.of(config));
    config = config.withUrls(this::expand);
    problems.addAll(validator.validate(config));
    if (problems.isEmpty()) {
      oncallWarnings.check(config, (path, message) -> warned.add(new ConfigProblem(path, message)));
    }
    return new ConfigCheck(config, problems, warned);
  }

  public ConfigCheck check(Path file) {
    return check(read(file));
  }

  public FirebreakConfig load(Path file) {
    return valid(file.toString(), check(file));
  }

  public FirebreakConfig load(String text) {
    return valid("config", check(text));
  }

  /**
   * The built-in config of {@code firebreak dev}: three services on the dev server's simulated
   * endpoints.
   */
  public FirebreakConfig loadDemo() {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(DEMO_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "demo config " + DEMO_RESOURCE + " is missing from the classpath");
      }
      return valid("demo config", check(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String expand(String url) {
    // Unknown variables stay as written, so the validator can name the URL that still holds one.
    return EnvReferences.expand(
        url, name -> urlVariables.getOrDefault(name, EnvReferences.reference(name)));
  }

  private static FirebreakConfig valid(String source, ConfigCheck check) {
    if (!check.ok()) {
      throw new InvalidConfigException(source, check.problems());
    }
    return check.config();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
