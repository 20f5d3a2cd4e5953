package dev.firebreak.activities.deploy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
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

  public static Optional<DeployPlatform> named(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(p -> p.configName.equals(wanted)).findFirst();
  }
}
