package dev.firebreak.starter.cli;

import picocli.CommandLine.Option;

/** Where the API is and which token to call it with; defaults suit {@code ./firebreak dev}. */
public final class ApiOptions {

  @Option(
      names = "--api",
      defaultValue = "${env:FIREBREAK_API:-http://127.0.0.1:8080}",
      description = "Firebreak API base URL (default: $FIREBREAK_API or ${DEFAULT-VALUE})")
  String api;

  @Option(
      names = "--token",
      defaultValue = "${env:FIREBREAK_TOKEN:-dev-token}",
      description = "API bearer token (default: $FIREBREAK_TOKEN or dev-token)",
      showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER)
  String token;
}
