package io.chronoshadow.devstack.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The argument vector of a running process, read from {@code /proc/<pid>/cmdline} (exact arguments,
 * unlike {@code ps}, which joins them with spaces). It is how we tell that a pid found in a pid
 * file still is the process we started and not one that merely reuses its number.
 */
public final class ProcessArguments {

  private ProcessArguments() {}

  /**
   * The process's arguments ({@code argv[0]} first), or empty when it is gone, a zombie (the kernel
   * keeps no arguments for one) or not readable.
   */
  public static Optional<List<String>> of(long pid) {
    Path file = Path.of("/proc", Long.toString(pid), "cmdline");
    if (Files.isDirectory(Path.of("/proc", "self"))) {
      try {
        byte[] bytes = Files.readAllBytes(file);
        return bytes.length == 0 ? Optional.empty() : Optional.of(split(bytes));
      } catch (IOException gone) {
        return Optional.empty();
      }
    }
    // No /proc (macOS): the JDK's view, which is as exact as the platform allows.
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .map(ProcessHandle::info)
        .flatMap(
            info ->
                info.command()
                    .map(
                        command -> {
                          List<String> args = new ArrayList<>();
                          args.add(command);
                          info.arguments().ifPresent(a -> args.addAll(List.of(a)));
                          return args;
                        }));
  }

  /** True when the process is running and one of its arguments is exactly {@code argument}. */
  public static boolean hasArgument(long pid, String argument) {
    return of(pid).map(args -> args.contains(argument)).orElse(false);
  }

  private static List<String> split(byte[] bytes) {
    List<String> args = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        args.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
        start = i + 1;
      }
    }
    if (start < bytes.length) {
      args.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
    }
    return args;
  }
}
