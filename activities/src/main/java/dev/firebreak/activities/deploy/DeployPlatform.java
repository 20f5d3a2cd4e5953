package dev.firebreak.activities.deploy;

import dev.firebreak.activities.diagnostics.DiagnosticsActivitiesImpl;
import dev.firebreak.workflows.rollback.PlatformService;
import io.temporal.failure.ApplicationFailure;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import okhttp3.HttpUrl;

/** The hosting platforms Firebreak can read deploys from, by the name configuration uses. */
public enum DeployPlatform {
  VERCEL("vercel") {
    @Override
    public String describeListCall(String platformId) {
      return "GET "
          + VercelClient.deploymentsUrl(
              HttpUrl.get(VercelClient.DEFAULT_BASE_URL), platformId, null);
    }

    @Override
    public String describeRollbackCall(String platformId, String deploymentId) {
      return "POST "
          + VercelClient.DEFAULT_BASE_URL
          + "/v1/projects/"
          + platformId
          + "/rollback/"
          + deploymentId;
    }

    @Override
    public String describeRestartCall(String platformId) {
      return "nothing: Vercel has no restart for " + platformId;
    }

    @Override
    String describeEnvWrite(String platformId, String name) {
      return "POST "
          + VercelClient.DEFAULT_BASE_URL
          + "/v10/projects/"
          + platformId
          + "/env?upsert=true {\"key\":\""
          + name
          + "\",\"target\":[\"production\"]}";
    }

    @Override
    String describeEnvRemoval(String platformId, String name) {
      return "DELETE "
          + VercelClient.DEFAULT_BASE_URL
          + "/v9/projects/"
          + platformId
          + "/env/<id of "
          + name
          + ">";
    }

    @Override
    public String describeRedeployCall(String platformId) {
      return "POST "
          + VercelClient.DEFAULT_BASE_URL
          + "/v13/deployments?forceNew=1 {\"deploymentId\":\"<production deployment of "
          + platformId
          + ">\",\"target\":\"production\"}";
    }

    @Override
    public String describeScaleCall(String platformId, int instances) {
      return "nothing: Vercel has no instance count for " + platformId;
    }
  },
  RENDER("render") {
    @Override
    public String describeListCall(String platformId) {
      return "GET "
          + RenderClient.deploysUrl(HttpUrl.get(RenderClient.DEFAULT_BASE_URL), platformId);
    }

    @Override
    public String describeRollbackCall(String platformId, String deploymentId) {
      return "POST "
          + RenderClient.DEFAULT_BASE_URL
          + "/services/"
          + platformId
          + "/rollback {\"deployId\":\""
          + deploymentId
          + "\"}";
    }

    @Override
    public String describeRestartCall(String platformId) {
      return "POST " + RenderClient.DEFAULT_BASE_URL + "/services/" + platformId + "/restart";
    }

    @Override
    String describeEnvWrite(String platformId, String name) {
      return "PUT " + envVarUrl(platformId, name);
    }

    @Override
    String describeEnvRemoval(String platformId, String name) {
      return "DELETE " + envVarUrl(platformId, name);
    }

    @Override
    public String describeRedeployCall(String platformId) {
      return "POST "
          + RenderClient.DEFAULT_BASE_URL
          + "/services/"
          + platformId
          + "/deploys {\"clearCache\":\"do_not_clear\"}";
    }

    @Override
    public String describeScaleCall(String platformId, int instances) {
      return "POST "
          + RenderClient.DEFAULT_BASE_URL
          + "/services/"
          + platformId
          + "/scale {\"numInstances\":"
          + instances
          + "}";
    }

    private static String envVarUrl(String platformId, String name) {
      return RenderClient.DEFAULT_BASE_URL + "/services/" + platformId + "/env-vars/" + name;
    }
  };

  private final String configName;

  DeployPlatform(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  /** The call a client with default settings would make to list deploys: what dry-run reports. */
  public abstract String describeListCall(String platformId);

  /** The call a client with default settings would make to roll back: what dry-run reports. */
  public abstract String describeRollbackCall(String platformId, String deploymentId);

  /** The call a client with default settings would make to restart: what dry-run reports. */
  public abstract String describeRestartCall(String platformId);

  /**
   * The calls a client with default settings would make to write {@code set} and remove {@code
   * unset}, names only (values may be secrets): what dry-run reports.
   */
  public String describeEnvCall(String platformId, List<String> set, List<String> unset) {
    return Stream.concat(
            set.stream().map(name -> describeEnvWrite(platformId, name)),
            unset.stream().map(name -> describeEnvRemoval(platformId, name)))
        .collect(Collectors.joining(", "));
  }

  abstract String describeEnvWrite(String platformId, String name);

  abstract String describeEnvRemoval(String platformId, String name);

  /** The call a client with default settings would make to redeploy: what dry-run reports. */
  public abstract String describeRedeployCall(String platformId);

  /** The call a client with default settings would make to scale: what dry-run reports. */
  public abstract String describeScaleCall(String platformId, int instances);

  /**
   * The platform the service is on; a platform Firebreak does not know is a non-retryable failure
   * saying what could not be done ({@code "roll back"}).
   */
  public static DeployPlatform of(PlatformService service, String doWhat) {
    return named(service.platform())
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    service.service()
                        + " is on platform '"
                        + service.platform()
                        + "', which Firebreak cannot "
                        + doWhat,
                    DiagnosticsActivitiesImpl.UNKNOWN_PLATFORM));
  }

  public static Optional<DeployPlatform> named(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(p -> p.configName.equals(wanted)).findFirst();
  }
}
