package io.chronoshadow.console.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes on this machine that use a directory: one of their arguments mentions it, or it is
 * (or contains) their working directory. Read from /proc, so it sees every process, whoever started
 * it: an orphan that outlived its JVM shows up here.
 */
final class ProcessesUsing {

  private ProcessesUsing() {}

  /** One line per process, {@code pid: command line}; zombies (no command line) are gone. */
  static List<String> directory(Path dir) {
    String path = dir.toAbsolutePath().normalize().toString();
    List<String> found = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        if (proc.getFileName().toString().equals(Long.toString(self))) {
          continue;
        }
        String cmdline = cmdline(proc);
        if (cmdline.isEmpty()) {
          continue;
        }
        if (cmdline.contains(path) || cwd(proc).startsWith(path)) {
          found.add(proc.getFileName() + ": " + cmdline);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc", e);
    }
    return found;
  }

  private static String cmdline(Path proc) {
    try {
      byte[] bytes = Files.readAllBytes(proc.resolve("cmdline"));
      return new String(bytes, StandardCharsets.UTF_8).replace('\0', ' ').trim();
    } catch (IOException gone) {
      return "";
    }
  }

  private static String cwd(Path proc) {
    try {
      return Files.readSymbolicLink(proc.resolve("cwd")).toString();
    } catch (IOException | UnsupportedOperationException goneOrHidden) {
      return "";
    }
  }
}
