package dev.firebreak.starter.service;

/**
 * Where the ids a process hands out outlive it. Against a real Temporal cluster the ids in use are
 * Temporal's own record (a refused start moves the counter on), so nothing more is kept; dev mode's
 * embedded server forgets every workflow when it stops, while Slack rooms and PagerDuty alerts
 * named after its ids live on, so dev mode keeps the highest number of each day in a file.
 */
public interface IssuedIds {

  /** Nothing kept beyond Temporal. */
  IssuedIds NONE =
      new IssuedIds() {
        @Override
        public int highest(String dayPrefix) {
          return 0;
        }

        @Override
        public void issued(String dayPrefix, int number) {}
      };

  /**
   * The highest number an earlier run issued under {@code dayPrefix} (such as {@code
   * INC-20261204-}); 0 if none.
   */
  int highest(String dayPrefix);

  /** Records that {@code number} has been issued under {@code dayPrefix}. */
  void issued(String dayPrefix, int number);
}
