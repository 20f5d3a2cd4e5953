package dev.firebreak.workflows.heartbeat;

import java.time.Instant;

/**
 * One ping as the API received it.
 *
 * @param exitStatus the exit status the URL carried, null when it carried none
 * @param runId the client's {@code ?rid=} pairing a start with its finish, null when none
 * @param at when the API received it
 * @param body what the job posted, cut to the body limit and with secrets redacted; may be null
 * @param source who sent it ({@code ping} for the token URL, the API token's name otherwise)
 * @param coalesced pings the API absorbed since the one it last passed on, because they changed
 *     nothing; counted, never lost
 */
public record HeartbeatPing(
    PingKind kind,
    Integer exitStatus,
    String runId,
    Instant at,
    String body,
    String source,
    int coalesced) {}
