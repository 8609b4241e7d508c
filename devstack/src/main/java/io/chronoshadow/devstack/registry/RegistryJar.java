package io.chronoshadow.devstack.registry;

import io.chronoshadow.devstack.DevStackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the runnable Apicurio Registry jar built by the {@code registry-app} module. It is not on
 * our class path (it is a whole Quarkus application with its own dependency versions), so it is
 * looked up as a file.
 */
public final class RegistryJar {

  public static final String SYSTEM_PROPERTY = "chrono.registry.jar";
  public static final String ENV_VARIABLE = "CHRONO_REGISTRY_JAR";
  public static final Path RELATIVE_PATH =
      Path.of("registry-app", "target", "apicurio-registry-runner.jar");
  static final String BUILD_HINT = "build it with: ./mvnw -pl registry-app package";

  private RegistryJar() {}

  /**
   * The jar named by {@value #SYSTEM_PROPERTY}, else by {@value #ENV_VARIABLE}, else {@link
   * #RELATIVE_PATH} in the working directory or the nearest parent that has it.
   *
   * @throws DevStackException with one line saying where we looked and how to build it
   */
  public static Path locate() {
    return locate(System.getProperties().getProperty(SYSTEM_PROPERTY), System.getenv(), cwd());
  }

  static Path locate(String systemProperty, Map<String, String> env, Path workingDir) {
    if (systemProperty != null && !systemProperty.isBlank()) {
      return existing(Path.of(systemProperty), "-D" + SYSTEM_PROPERTY);
    }
    String fromEnv = env.get(ENV_VARIABLE);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return existing(Path.of(fromEnv), ENV_VARIABLE);
    }
    return searchUpward(workingDir)
        .orElseThrow(
            () ->
                new DevStackException(
                    "Apicurio Registry jar not found: no -D"
                        + SYSTEM_PROPERTY
                        + ", no "
                        + ENV_VARIABLE
                        + ", and no "
                        + RELATIVE_PATH
                        + " in "
                        + workingDir
                        + " or its parents; "
                        + BUILD_HINT));
  }

  private static Optional<Path> searchUpward(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(RELATIVE_PATH);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** {@code jar} made absolute, or a one-line error when it does not exist. */
  static Path existing(Path jar) {
    return existing(jar, "RegistryOptions.jar");
  }

  private static Path existing(Path jar, String source) {
    Path absolute = jar.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute)) {
      throw new DevStackException(
          "Apicurio Registry jar "
              + absolute
              + " (from "
              + source
              + ") does not exist; "
              + BUILD_HINT);
    }
    return absolute;
  }

  private static Path cwd() {
    return Path.of("").toAbsolutePath();
  }
}
