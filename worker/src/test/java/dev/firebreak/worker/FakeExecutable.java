package dev.firebreak.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * An executable that does nothing, for the tests of how a tool (the Temporal CLI, Chromium) is
 * found.
 */
final class FakeExecutable {

  private FakeExecutable() {}

  /** Creates {@code folder/name} as an executable shell script and returns its path. */
  static Path in(Path folder, String name) throws IOException {
    Path file = Files.createDirectories(folder).resolve(name);
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
