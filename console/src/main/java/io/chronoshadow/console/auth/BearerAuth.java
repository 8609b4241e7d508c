package io.chronoshadow.console.auth;

import io.chronoshadow.console.http.Access;
import io.chronoshadow.console.http.ApiError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * Checks {@code Authorization: Bearer <token>}. Mutating calls always need the token; reads only
 * when {@code readsNeedToken}. The comparison takes the same time whatever the prefix that matches,
 * and no message or log line ever contains the presented or the expected token.
 */
public final class BearerAuth {

  private static final String SCHEME = "bearer ";

  private final byte[] token;
  private final boolean readsNeedToken;

  public BearerAuth(String token, boolean readsNeedToken) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the console token must not be empty");
    }
    this.token = token.getBytes(StandardCharsets.UTF_8);
    this.readsNeedToken = readsNeedToken;
  }

  public boolean readsNeedToken() {
    return readsNeedToken;
  }

  public boolean required(Access access) {
    return access == Access.WRITE || (access == Access.READ && readsNeedToken);
  }

  /**
   * Throws a 401 {@link ApiError} unless the header carries the token.
   *
   * @param authorization the {@code Authorization} header, or null
   */
  public void check(Access access, String authorization) {
    if (!required(access)) {
      return;
    }
    if (authorization == null || authorization.isBlank()) {
      throw new ApiError(
          401,
          "unauthorized",
          "this call needs the header 'Authorization: Bearer <console token>'",
          null);
    }
    if (authorization.length() < SCHEME.length()
        || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      throw new ApiError(
          401,
          "unauthorized",
          "the Authorization header must use the Bearer scheme: 'Authorization: Bearer <console"
              + " token>'",
          null);
    }
    byte[] presented =
        authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(presented, token)) {
      throw new ApiError(401, "unauthorized", "the bearer token is not the console's token", null);
    }
  }
}
