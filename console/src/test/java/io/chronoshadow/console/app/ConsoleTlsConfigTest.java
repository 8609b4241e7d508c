package io.chronoshadow.console.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.console.http.SelfSignedKeystore;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code chrono.console.tls.*} keys as {@code ./chrono console --config} reads them: the
 * keystore is opened while the file is read, so a bad one stops the start with the key to fix, and
 * no message or settings line shows a password.
 */
class ConsoleTlsConfigTest {

  static final String PASSWORD = "ks-pass-91d2aa";

  @TempDir static Path dir;

  @BeforeAll
  static void keystore() throws Exception {
    SelfSignedKeystore.create(dir.resolve("console.p12"), PASSWORD);
  }

  /** Every required key, with values that are never contacted while the file is read. */
  static Properties base() {
    Properties p = new Properties();
    p.setProperty("chrono.shadow.bootstrap-servers", "127.0.0.1:1");
    p.setProperty("chrono.shadow.registry-url", "http://127.0.0.1:1");
    p.setProperty("chrono.shadow.topic-prefix", "demo");
    p.setProperty("chrono.shadow.catalog.endpoint", "http://127.0.0.1:1");
    p.setProperty("chrono.shadow.catalog.bucket", "chrono-warehouse");
    p.setProperty("chrono.shadow.catalog.access-key", "a");
    p.setProperty("chrono.shadow.catalog.secret-key", "s");
    p.setProperty("chrono.shadow.catalog.jdbc-url", "jdbc:postgresql://127.0.0.1:1/c");
    p.setProperty("chrono.shadow.catalog.jdbc-user", "u");
    p.setProperty("chrono.shadow.catalog.jdbc-password", "p");
    p.setProperty("chrono.console.token", "t");
    return p;
  }

  @Test
  void aKeystoreRelativeToTheConfigFileTurnsTlsOn() {
    Properties p = base();
    p.setProperty("chrono.console.tls.keystore", "console.p12");
    p.setProperty("chrono.console.tls.keystore-password", PASSWORD);
    ConsoleSettings settings = ConsoleConfigFile.fromProperties(p, dir).settings();
    assertThat(settings.tls()).isNotNull();
    assertThat(settings.tls().path()).isEqualTo(dir.resolve("console.p12"));
    assertThat(settings.tls().keyAliases()).containsExactly("console");
    assertThat(settings.toString()).contains("console.p12").doesNotContain(PASSWORD);
  }

  @Test
  void withoutTlsKeysOrWithTlsDisabledTheConsoleServesPlainHttp() {
    assertThat(ConsoleConfigFile.fromProperties(base(), dir).settings().tls()).isNull();
    Properties p = base();
    p.setProperty("chrono.console.tls.keystore", "console.p12");
    p.setProperty("chrono.console.tls.keystore-password", PASSWORD);
    p.setProperty("chrono.console.tls.enabled", "false");
    assertThat(ConsoleConfigFile.fromProperties(p, dir).settings().tls()).isNull();
  }

  @Test
  void aWrongPasswordStopsTheStartNamingTheKeyAndFile() {
    Properties p = base();
    p.setProperty("chrono.console.tls.keystore", "console.p12");
    p.setProperty("chrono.console.tls.keystore-password", "wrong-pass-77c1");
    assertThatThrownBy(() -> ConsoleConfigFile.fromProperties(p, dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid console config: chrono.console.tls.keystore: the TLS keystore password does"
                + " not open "
                + dir.resolve("console.p12")
                + " (wrong password)")
        .message()
        .doesNotContain("wrong-pass-77c1")
        .doesNotContain(PASSWORD);
  }

  @Test
  void incompleteTlsKeysAreEachReported() {
    Properties noPassword = base();
    noPassword.setProperty("chrono.console.tls.keystore", "console.p12");
    assertThatThrownBy(() -> ConsoleConfigFile.fromProperties(noPassword, dir))
        .hasMessageContaining(
            "chrono.console.tls.keystore needs chrono.console.tls.keystore-password");
    Properties noKeystore = base();
    noKeystore.setProperty("chrono.console.tls.enabled", "true");
    assertThatThrownBy(() -> ConsoleConfigFile.fromProperties(noKeystore, dir))
        .hasMessageContaining("chrono.console.tls.enabled=true needs chrono.console.tls.keystore");
    Properties missing = base();
    missing.setProperty("chrono.console.tls.keystore", "elsewhere.p12");
    missing.setProperty("chrono.console.tls.keystore-password", PASSWORD);
    assertThatThrownBy(() -> ConsoleConfigFile.fromProperties(missing, dir))
        .hasMessageContaining(
            "chrono.console.tls.keystore: the TLS keystore "
                + dir.resolve("elsewhere.p12")
                + " does not exist");
    Properties notBoolean = base();
    notBoolean.setProperty("chrono.console.tls.enabled", "yes");
    assertThatThrownBy(() -> ConsoleConfigFile.fromProperties(notBoolean, dir))
        .hasMessageContaining("chrono.console.tls.enabled must be true or false (was yes)");
  }
}
