package io.chronoshadow.registryapp;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import java.util.Optional;
import javax.enterprise.context.ApplicationScoped;
import javax.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Stops the registry when the process that launched it is gone. The launcher's shutdown hook stops
 * us on a normal exit, but a launcher killed with SIGKILL (crash tests do exactly that) runs no
 * hook, and the registry would live on as an orphan holding its port.
 */
@ApplicationScoped
public class ParentProcessWatch {

  /** Pid of the launching process; unset when the jar is started by hand. */
  static final String PARENT_PID_PROPERTY = "chrono.parent.pid";

  private static final Logger LOG = Logger.getLogger(ParentProcessWatch.class);

  @ConfigProperty(name = PARENT_PID_PROPERTY)
  Optional<Long> parentPid;

  void watchParent(@Observes StartupEvent started) {
    if (parentPid.isEmpty()) {
      return;
    }
    long pid = parentPid.get();
    Optional<ProcessHandle> parent = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (parent.isEmpty()) {
      LOG.warnf("Parent process %d is already gone; stopping the registry", pid);
      Quarkus.asyncExit();
      return;
    }
    // For a process that is not our child the JDK polls, backing off to once every 5 s.
    parent
        .get()
        .onExit()
        .thenRun(
            () -> {
              LOG.infof("Parent process %d has exited; stopping the registry", pid);
              Quarkus.asyncExit();
            });
  }
}
