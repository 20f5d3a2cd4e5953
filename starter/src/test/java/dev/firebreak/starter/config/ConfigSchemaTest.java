package dev.firebreak.starter.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.firebreak.workflows.incident.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keeps schema/firebreak.schema.json honest: it accepts every config we ship, it names exactly the
 * fields the config records have (a new record component without a schema entry fails here), and
 * its enums are the validator's.
 */
class ConfigSchemaTest {

  static final Path SCHEMA_FILE = Path.of("..", "schema", "firebreak.schema.json");
  static final String EDITOR_MODELINE =
      "# yaml-language-server: $schema=../schema/firebreak.schema.json";

  private static final ObjectMapper YAML = new YAMLMapper();
  // Building the validator takes seconds; every test reads the same schema.
  private static final JsonNode SCHEMA_TREE = read(new ObjectMapper(), SCHEMA_FILE);
  private static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SCHEMA_TREE);

  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(ConfigLoaderTest.EXAMPLES)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleValidatesAgainstTheSchemaAndPointsEditorsAtIt(Path example) throws IOException {
    assertThat(SCHEMA.validate(read(YAML, example))).isEmpty();
    assertThat(Files.readAllLines(example).get(0)).isEqualTo(EDITOR_MODELINE);
  }

  @Test
  void examplesCoverEveryRunbook() throws IOException {
    assertThat(examples().map(p -> p.getFileName().toString()))
        .containsExactly("ascendos.yaml", "recoup.yaml", "talk-to-my-lawyer.yaml");
  }

  @Test
  void theDemoConfigValidatesAgainstTheSchema() throws IOException {
    try (InputStream demo = ConfigLoader.class.getResourceAsStream(ConfigLoader.DEMO_RESOURCE)) {
      assertThat(SCHEMA.validate(YAML.readTree(demo))).isEmpty();
    }
  }

  @Test
  void schemaNamesEveryFieldOfTheConfigRecordsAndNoOther() {
    List<String> gaps = new ArrayList<>();
    compare(SCHEMA_TREE, FirebreakConfig.class, "", gaps);

    assertThat(gaps).isEmpty();
  }

  @Test
  void schemaEnumsAreTheValidatorsLists() {
    assertThat(texts(definition("role").get("enum"))).isEqualTo(ConfigValidator.ROLES);
    assertThat(texts(definition("service").at("/properties/platform/enum")))
        .isEqualTo(ConfigValidator.PLATFORMS);
    assertThat(texts(definition("severity").at("/properties/statusPageImpact/enum")))
        .isEqualTo(SeverityConfig.STATUS_PAGE_IMPACTS);
    assertThat(SCHEMA_TREE.at("/properties/severities/properties").fieldNames())
        .toIterable()
        .containsExactlyElementsOf(Arrays.stream(Severity.values()).map(Enum::name).toList());
    String targetPattern =
        definition("escalation")
            .at("/properties/levels/items/properties/targets/items/pattern")
            .asText();
    assertThat(ConfigValidator.TARGET_SCHEMES)
        .allSatisfy(scheme -> assertThat(targetPattern).contains(scheme + ":"));
  }

  @Test
  void schemaFlagsWhatConfigCheckReportsAtTheSameFields() throws IOException {
    String broken =
        """
        organisation: Acme
        api:
          tokens:
            - { name: ci, token: hunter2, roles: [root] }
        severities:
          P1: { ackTimeout: soon, pagee: true }
          P7: { ackTimeout: 5m }
        escalation:
          levels:
            - { name: primary, targets: ["teams:U1", "sms:555"] }
        services:
          - name: Api
            platform: heroku
            healthUrl: ftp://api.acme.test
        """;

    List<String> flagged =
        SCHEMA.validate(YAML.readTree(broken)).stream()
            .map(m -> m.getInstanceLocation().toString())
            .distinct()
            .toList();

    assertThat(flagged)
        .contains(
            "$.api.tokens[0].token",
            "$.api.tokens[0].roles[0]",
            "$.severities.P1.ackTimeout",
            "$.severities",
            "$.severities.P1",
            "$.escalation.levels[0].targets[0]",
            "$.escalation.levels[0].targets[1]",
            "$.services[0].name",
            "$.services[0].platform",
            "$.services[0].healthUrl",
            "$.services[0]");
    assertThat(new ConfigLoader().check(broken).problems())
        .extracting(ConfigProblem::path)
        .contains(
            "api.tokens[0].token",
            "api.tokens[0].roles[0]",
            "severities.P1.ackTimeout",
            "severities.P7",
            "severities.P1.pagee",
            "escalation.levels[0].targets[0]",
            "escalation.levels[0].targets[1]",
            "services[0].name",
            "services[0].platform",
            "services[0].healthUrl",
            "services[0].platformId");
  }

  /**
   * Walks the records and the schema side by side, noting every field one has and the other lacks.
   */
  private void compare(JsonNode schemaNode, Type type, String path, List<String> gaps) {
    JsonNode node = resolve(schemaNode);
    Class<?> raw = ConfigShape.raw(type);
    if (raw.isRecord()) {
      JsonNode properties = node.path("properties");
      Set<String> components =
          Set.copyOf(
              Arrays.stream(raw.getRecordComponents()).map(RecordComponent::getName).toList());
      properties
          .fieldNames()
          .forEachRemaining(
              name -> {
                if (!components.contains(name)) {
                  gaps.add(
                      ConfigShape.child(path, name)
                          + ": in the schema but not in "
                          + raw.getSimpleName());
                }
              });
      if (!node.path("additionalProperties").isBoolean()) {
        gaps.add(
            (path.isEmpty() ? "(root)" : path)
                + ": the schema lets unknown keys through, config check does not");
      }
      for (RecordComponent component : raw.getRecordComponents()) {
        String childPath = ConfigShape.child(path, component.getName());
        if (properties.has(component.getName())) {
          compare(properties.get(component.getName()), component.getGenericType(), childPath, gaps);
        } else {
          gaps.add(
              childPath
                  + ": "
                  + raw.getSimpleName()
                  + "."
                  + component.getName()
                  + " has no schema entry");
        }
      }
    } else if (List.class.isAssignableFrom(raw)) {
      compare(node.path("items"), ConfigShape.argument(type, 0), path + "[]", gaps);
    } else if (Map.class.isAssignableFrom(raw)) {
      Type value = ConfigShape.argument(type, 1);
      if (node.path("additionalProperties").isObject()) {
        compare(node.get("additionalProperties"), value, path + ".*", gaps);
      }
      node.path("properties")
          .properties()
          .forEach(e -> compare(e.getValue(), value, ConfigShape.child(path, e.getKey()), gaps));
    }
  }

  private JsonNode resolve(JsonNode node) {
    String ref = node.path("$ref").asText("");
    return ref.startsWith("#/") ? SCHEMA_TREE.at(ref.substring(1)) : node;
  }

  private JsonNode definition(String name) {
    return SCHEMA_TREE.at("/$defs/" + name);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static JsonNode read(ObjectMapper mapper, Path file) {
    try {
      return mapper.readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }
}
