package dev.firebreak.worker;

/**
 * The program of the launcher's tests: prints its arguments and exits with the status the first one
 * names, so a test sees what the launcher passed on and what it did with the exit status.
 */
public final class LauncherEcho {

  private LauncherEcho() {}

  public static void main(String[] args) {
    System.out.println(String.join(" ", args));
    System.exit(args.length > 1 ? Integer.parseInt(args[1]) : 0);
  }
}
