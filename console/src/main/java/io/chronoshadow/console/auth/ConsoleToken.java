package io.chronoshadow.console.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Where the console token comes from when none is configured: a file readable by its owner only,
 * created with a random token on first use and reused afterwards, so that a restarted demo keeps
 * its token and the token itself never has to be printed or logged.
 */
public final class ConsoleToken {

  private ConsoleToken() {}

  /** Reads the token from {@code file}, creating the file with a new random token if missing. */
  public static String readOrCreate(Path file) {
    try {
      if (Files.exists(file)) {
        String token = Files.readString(file, StandardCharsets.UTF_8).trim();
        if (token.isEmpty()) {
          throw new IllegalArgumentException(
              "the console token file " + file + " is empty; delete it to get a new token");
        }
        return token;
      }
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String token = HexFormat.of().formatHex(random);
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the directory's permissions apply
      }
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the console token file " + file, e);
    }
  }
}
