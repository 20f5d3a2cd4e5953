package dev.firebreak.activities.fakes;

import java.util.List;

/**
 * A fake that can say what it received, one line per call, so that a failing end-to-end test can
 * show what the providers saw next to its assertion.
 */
public interface FakeRecording {

  /** One line per call received: what was called and with what, headers left out (tokens). */
  List<String> recordedCalls();
}
