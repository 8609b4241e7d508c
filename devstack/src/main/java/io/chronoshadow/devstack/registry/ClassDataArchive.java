package io.chronoshadow.devstack.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AppCDS archive of the registry's classes, kept next to its jar. Loading ~20k classes from a
 * 110 MB uber-jar is most of the registry's start-up; mapping them from an archive takes it from
 * about 2.2 s to 1.2 s. The first run without an archive writes one when it exits (JDK dynamic
 * archive), later runs use it. Best effort throughout: any problem only costs the speed-up.
 */
final class ClassDataArchive {

  private static final Logger LOG = LoggerFactory.getLogger(ClassDataArchive.class);

  private enum Mode {
    OFF,
    USE,
    CREATE
  }

  private final Mode mode;
  private final Path archive;
  private final Path pending;

  private ClassDataArchive(Mode mode, Path archive, Path pending) {
    this.mode = mode;
    this.archive = archive;
    this.pending = pending;
  }

  static ClassDataArchive off() {
    return new ClassDataArchive(Mode.OFF, null, null);
  }

  /**
   * Uses the archive beside {@code jar} when it is newer than the jar, otherwise arranges for this
   * run to create it. The name carries the JVM build, since an archive only fits the JVM that wrote
   * it (the child runs on the same {@code java} as we do).
   */
  static ClassDataArchive forJar(Path jar) {
    Path dir = jar.getParent();
    String base = jar.getFileName().toString().replaceFirst("\\.jar$", "");
    String vm = System.getProperty("java.vm.version", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
    Path archive = dir.resolve(base + "-" + vm + ".jsa");
    try {
      if (Files.isRegularFile(archive)
          && Files.size(archive) > 0
          && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
        return new ClassDataArchive(Mode.USE, archive, null);
      }
      if (Files.isWritable(dir)) {
        // A unique name: parallel first runs must not write into each other's file.
        Path pending =
            dir.resolve(
                archive.getFileName()
                    + "."
                    + ProcessHandle.current().pid()
                    + "."
                    + System.nanoTime()
                    + ".tmp");
        return new ClassDataArchive(Mode.CREATE, archive, pending);
      }
    } catch (IOException e) {
      LOG.debug("Class-data archive {} unusable: {}", archive, e.toString());
    }
    return off();
  }

  List<String> jvmArgs() {
    return switch (mode) {
      case OFF -> List.of();
      // -Xshare:auto: a stale or foreign archive is ignored with a warning, never fatal.
      case USE -> List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto");
      case CREATE -> List.of("-XX:ArchiveClassesAtExit=" + pending);
    };
  }

  /** Whether stopping this run takes longer (the JVM writes the archive as it exits). */
  boolean creating() {
    return mode == Mode.CREATE;
  }

  /**
   * After the child has exited: keeps the archive it wrote only when asked to, i.e. when it was a
   * healthy run that exited by itself (a killed JVM leaves no archive or a partial one).
   */
  void exited(boolean keep) {
    if (mode != Mode.CREATE) {
      return;
    }
    try {
      if (keep && Files.isRegularFile(pending) && Files.size(pending) > 0) {
        Files.move(
            pending, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LOG.info("Saved registry class-data archive {} for faster start-ups", archive);
      } else {
        Files.deleteIfExists(pending);
      }
    } catch (IOException e) {
      LOG.warn("Cannot keep registry class-data archive {}: {}", archive, e.toString());
    }
  }
}
