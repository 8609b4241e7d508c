package io.chronoshadow.console.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chronoshadow.console.http.Access;
import io.chronoshadow.console.http.ApiError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerAuthTest {

  @TempDir Path dir;

  @Test
  void writesAlwaysNeedTheTokenReadsOnlyWhenConfiguredAndMessagesNeverHoldIt() {
    BearerAuth open = new BearerAuth("s3cret-token", false);
    open.check(Access.READ, null);
    open.check(Access.PUBLIC, null);
    open.check(Access.WRITE, "Bearer s3cret-token");
    open.check(Access.WRITE, "bearer s3cret-token");
    for (String header :
        new String[] {
          null, "", "s3cret-token", "Basic s3cret-token", "Bearer s3cret", "Bearer s3cret-token2"
        }) {
      assertThatThrownBy(() -> open.check(Access.WRITE, header))
          .isInstanceOf(ApiError.class)
          .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(401))
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
    }
    BearerAuth strict = new BearerAuth("s3cret-token", true);
    assertThatThrownBy(() -> strict.check(Access.READ, null)).isInstanceOf(ApiError.class);
    strict.check(Access.PUBLIC, null);
  }

  @Test
  void aGeneratedTokenIsKeptOwnerOnlyAndReused() throws Exception {
    Path file = dir.resolve("sub/console-token");
    String token = ConsoleToken.readOrCreate(file);
    assertThat(token).hasSize(48).matches("[0-9a-f]+");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(ConsoleToken.readOrCreate(file)).isEqualTo(token);
    Files.writeString(file, "  \n");
    assertThatThrownBy(() -> ConsoleToken.readOrCreate(file)).hasMessageContaining("is empty");
  }
}
