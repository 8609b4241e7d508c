package io.chronoshadow.devstack.postgres;

import io.chronoshadow.devstack.process.ProcessArguments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Which JVM runs the PostgreSQL of a data directory: a file {@value #FILE_NAME} in that directory
 * holding the JVM's pid and start time. The postmaster is a daemon (pg_ctl detaches it), so nothing
 * else tells a postmaster whose JVM was killed from one that a live JVM still uses; the start time
 * keeps a reused pid from passing for the owner.
 *
 * @param pid the owning JVM's pid
 * @param startMillis its start time, epoch milliseconds
 */
record PostmasterOwner(long pid, long startMillis) {

  static final String FILE_NAME = "chrono-owner.pid";

  /** This JVM. */
  static PostmasterOwner current() {
    ProcessHandle self = ProcessHandle.current();
    return new PostmasterOwner(self.pid(), startMillis(self).orElse(0L));
  }

  /** The owner recorded in {@code dataDir}, if any (runs before this file existed have none). */
  static Optional<PostmasterOwner> read(Path dataDir) {
    try {
      String[] fields =
          Files.readString(dataDir.resolve(FILE_NAME), StandardCharsets.US_ASCII).trim().split(" ");
      return Optional.of(new PostmasterOwner(Long.parseLong(fields[0]), Long.parseLong(fields[1])));
    } catch (IOException | RuntimeException absentOrTorn) {
      return Optional.empty();
    }
  }

  void write(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE_NAME);
    Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
    Files.writeString(tmp, pid + " " + startMillis + "\n", StandardCharsets.US_ASCII);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }

  static void delete(Path dataDir) throws IOException {
    Files.deleteIfExists(dataDir.resolve(FILE_NAME));
  }

  /** The owner is still running (the same process, not one that reuses its pid). */
  boolean isAlive() {
    if (ProcessArguments.of(pid).isEmpty()) { // gone, or a zombie nobody reaped yet
      return false;
    }
    return ProcessHandle.of(pid)
        .flatMap(PostmasterOwner::startMillis)
        .map(started -> startMillis == 0 || started == startMillis)
        .orElse(false);
  }

  private static Optional<Long> startMillis(ProcessHandle process) {
    return process.info().startInstant().map(Instant::toEpochMilli);
  }
}
