package io.chronoshadow.devstack.registry;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a child process's log, to put in an error message. */
final class LogTail {

  // Enough for a Quarkus stack trace's useful part without reading a long log whole.
  private static final int MAX_BYTES = 16 * 1024;

  private LogTail() {}

  /** Up to {@code maxLines} last lines of {@code file}, or a note when it cannot be read. */
  static List<String> of(Path file, int maxLines) {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int size = (int) Math.min(length, MAX_BYTES);
      byte[] bytes = new byte[size];
      in.seek(length - size);
      in.readFully(bytes);
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\\R");
      List<String> all = Arrays.asList(lines);
      // The first line may be cut in the middle when we did not read from the start.
      int first = size < length ? 1 : 0;
      return List.copyOf(all.subList(Math.max(first, all.size() - maxLines), all.size()));
    } catch (IOException e) {
      return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
    }
  }

  /** The same lines, indented, one per line, ready to append to a message. */
  static String format(Path file, int maxLines) {
    StringBuilder out = new StringBuilder();
    for (String line : of(file, maxLines)) {
      out.append(System.lineSeparator()).append("    ").append(line);
    }
    return out.toString();
  }
}
