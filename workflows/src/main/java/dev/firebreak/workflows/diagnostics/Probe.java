package dev.firebreak.workflows.diagnostics;

import java.time.Duration;
import java.util.List;

/**
 * A playbook's diagnostic, run in the assessment next to the services' health checks.
 *
 * <ul>
 *   <li>{@code http}: GET {@code url}; passes when the status is {@code expectStatus} (any 2xx when
 *       0) and every expectation holds.
 *   <li>{@code status-page}: a public status page at {@code url}; Statuspage format when {@code
 *       expect} is empty, otherwise any JSON page judged by {@code expect}.
 *   <li>{@code errors}: the error tracker's count for {@code service}; fails above {@code
 *       maxErrors}.
 *   <li>{@code deploys}: {@code service}'s recent deploys; reported, it never fails.
 * </ul>
 *
 * @param expect JSON expectations such as {@code $.checks.database.status == "pass"} (see {@link
 *     JsonExpectation})
 * @param critical a failing critical probe decides as a failing health check does (it refuses a
 *     resolve and reopens during monitoring); any other is reported and never blocks
 * @param sentryProject {@code service}'s Sentry project, for {@code errors}
 * @param platform {@code service}'s platform ({@code vercel}, {@code render}), for {@code deploys}
 * @param platformId {@code service}'s id on its platform, for {@code deploys}
 */
public record Probe(
    String name,
    String kind,
    String url,
    String service,
    int expectStatus,
    List<String> expect,
    long maxErrors,
    Duration timeout,
    boolean critical,
    String sentryProject,
    String platform,
    String platformId) {

  public static final String HTTP = "http";
  public static final String STATUS_PAGE = "status-page";
  public static final String ERRORS = "errors";
  public static final String DEPLOYS = "deploys";
  public static final List<String> KINDS = List.of(HTTP, STATUS_PAGE, ERRORS, DEPLOYS);

  public Probe {
    expect = expect == null ? List.of() : List.copyOf(expect);
  }
}
