package dev.firebreak.workflows.heartbeat;

/** The whole input of a heartbeat workflow: its configuration and what it remembers. */
public record HeartbeatInput(HeartbeatSpec spec, HeartbeatRecord record) {

  public static HeartbeatInput configured(HeartbeatSpec spec) {
    return new HeartbeatInput(spec, null);
  }
}
