package dev.firebreak.activities.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class HealthBodyTest {

  private final ObjectMapper json = new ObjectMapper();

  private HealthBody read(String body) throws Exception {
    return HealthBody.of(json.readTree(body));
  }

  @Test
  void runbookChecksWithAnErrorFail() throws Exception {
    HealthBody body =
        read("{\"status\":\"unhealthy\",\"checks\":{\"database\":\"error\",\"redis\":\"ok\"}}");

    assertThat(body.statusHealthy()).isFalse();
    assertThat(body.failingChecks()).containsExactly("database=error");
  }

  @Test
  void subCheckFailureCountsEvenWhenTheTopLevelSaysHealthy() throws Exception {
    HealthBody body =
        read("{\"status\":\"healthy\",\"checks\":{\"database\":\"ok\",\"redis\":\"error\"}}");

    assertThat(body.statusHealthy()).isTrue();
    assertThat(body.failingChecks()).containsExactly("redis=error");
  }

  @Test
  void servicesMapOfBooleansFailsOnFalse() throws Exception {
    HealthBody body =
        read("{\"status\":\"healthy\",\"services\":{\"redis\":true,\"stripe\":false}}");

    assertThat(body.failingChecks()).containsExactly("stripe=false");
  }

  @Test
  void checksThatAreObjectsAreJudgedByTheirStatus() throws Exception {
    HealthBody body =
        read(
            "{\"status\":\"ok\",\"checks\":{\"database\":{\"status\":\"ok\",\"latency_ms\":3},"
                + "\"redis\":{\"status\":\"fail\",\"error\":\"timeout\"}}}");

    assertThat(body.failingChecks()).containsExactly("redis=fail");
  }

  @Test
  void springBootComponentsAreReadCaseInsensitively() throws Exception {
    HealthBody body =
        read(
            "{\"status\":\"DOWN\",\"components\":{\"db\":{\"status\":\"DOWN\"},\"diskSpace\":{\"status\":\"UP\"}}}");

    assertThat(body.status()).isEqualTo("down");
    assertThat(body.statusHealthy()).isFalse();
    assertThat(body.failingChecks()).containsExactly("db=down");
  }

  @Test
  void ietfHealthJsonChecksTakeTheWorstMeasurement() throws Exception {
    HealthBody body =
        read(
            "{\"status\":\"pass\",\"checks\":{\"postgres:responseTime\":[{\"componentId\":\"a\",\"status\":\"pass\"},"
                + "{\"componentId\":\"b\",\"status\":\"fail\"}],\"cpu:utilization\":[{\"status\":\"warn\"}]}}");

    assertThat(body.failingChecks()).containsExactly("postgres:responseTime=fail");
    assertThat(body.warnings()).containsExactly("cpu:utilization=warn");
  }

  @Test
  void checksAsAnArrayOfNamedObjectsAreAccepted() throws Exception {
    HealthBody body =
        read("{\"status\":\"ok\",\"checks\":[{\"name\":\"queue\",\"status\":\"down\"}]}");

    assertThat(body.failingChecks()).containsExactly("queue=down");
  }

  @Test
  void degradedSubCheckIsAWarningNotAFailure() throws Exception {
    HealthBody body =
        read("{\"status\":\"ok\",\"checks\":{\"database\":\"ok\",\"redis\":\"degraded\"}}");

    assertThat(body.failingChecks()).isEmpty();
    assertThat(body.warnings()).containsExactly("redis=degraded");
  }

  @Test
  void missingTopLevelStatusCountsAsHealthy() throws Exception {
    assertThat(read("{\"uptime\":123}").statusHealthy()).isTrue();
    assertThat(read("{\"status\":true}").statusHealthy()).isTrue();
  }
}
