package io.chronoshadow.devstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.devstack.DevStackException;
import io.chronoshadow.devstack.process.ProcessArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's start-up orphan check, on stand-ins: shell loops whose command lines carry what a
 * registry's carries (the data directory marker and its launcher's pid), so that what is stopped
 * and what is left alone is decided exactly as for a real one, in milliseconds.
 */
class RegistryPidFileTest {

  @TempDir Path dir;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopStandIns() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void aRegistryWhoseLauncherIsGoneIsStopped() throws Exception {
    long goneLauncher = deadPid();
    Process orphan = standIn(RegistryPidFile.marker(dir), goneLauncher);
    RegistryPidFile.write(dir, orphan.pid());

    RegistryProcess.stopOrphan(dir);

    assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(dir.resolve(RegistryPidFile.FILE_NAME)).doesNotExist();
  }

  @Test
  void aRegistryWhoseLauncherStillRunsIsLeftAloneAndNamed() throws Exception {
    // Our child, told that we launched it: in use by a live JVM.
    Process live = standIn(RegistryPidFile.marker(dir), ProcessHandle.current().pid());
    RegistryPidFile.write(dir, live.pid());

    assertThatThrownBy(() -> RegistryProcess.stopOrphan(dir))
        .isInstanceOf(DevStackException.class)
        .hasMessageContaining("in use by the schema registry pid " + live.pid());
    assertThat(live.isAlive()).isTrue();
  }

  @Test
  void aPidThatIsNotThisDirectorysRegistryIsLeftAlone() throws Exception {
    Path other = Files.createDirectories(dir.resolve("other"));
    Process stranger = standIn(RegistryPidFile.marker(other), deadPid());
    RegistryPidFile.write(dir, stranger.pid());

    RegistryProcess.stopOrphan(dir);

    assertThat(stranger.isAlive()).isTrue();
    assertThat(ProcessArguments.of(stranger.pid())).isPresent();
    assertThat(dir.resolve(RegistryPidFile.FILE_NAME)).as("a stale pid file goes").doesNotExist();
  }

  /** A process whose arguments are a registry's marker and launcher pid, until SIGTERM. */
  private Process standIn(String marker, long launcherPid) throws Exception {
    Process p =
        new ProcessBuilder(
                "sh",
                "-c",
                "trap 'exit 0' TERM; while :; do sleep 0.2 & wait $!; done",
                "registry-stand-in",
                marker,
                "-D" + RegistryProcess.PARENT_PID_PROPERTY + "=" + launcherPid)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    started.add(p);
    return p;
  }

  /** The pid of a process that has exited. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return p.pid();
  }
}
