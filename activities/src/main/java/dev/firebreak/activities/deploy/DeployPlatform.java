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
      return "GET " + VercelClient.deploymentsUrl(HttpUrl.get(VercelClient.DEFAULT_BASE_URL), platformId, null);
    }
  },
  RENDER("render") {
    @Override
    public String describeListCall(String platformId) {
      return "GET " + RenderClient.deploysUrl(HttpUrl.get(RenderClient.DEFAULT_BASE_URL), platformId);
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

  public static Optional<DeployPlatform> named(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(p -> p.configName.equals(wanted)).findFirst();
  }
}
