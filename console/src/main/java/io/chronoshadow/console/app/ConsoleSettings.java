package io.chronoshadow.console.app;

import io.chronoshadow.console.http.QueryBudget;
import io.chronoshadow.console.http.TlsKeystore;
import io.chronoshadow.console.query.QueryLimits;
import java.util.List;

/**
 * How the console serves: where it listens, its bearer token, whether reads need the token too,
 * which browser origins may call it (none: CORS off), the bounds on query results, and what the
 * expensive queries may take of the process, and the TLS keystore (null: plain HTTP).
 */
public record ConsoleSettings(
    String host,
    int port,
    String token,
    boolean readsNeedToken,
    List<String> corsOrigins,
    QueryLimits limits,
    QueryBudget budget,
    TlsKeystore tls) {

  /** Not 8080 (Trino's) nor any port of the embedded stack. */
  public static final int DEFAULT_PORT = 8470;

  public static final String DEFAULT_HOST = "127.0.0.1";

  public ConsoleSettings {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("the console host must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("the console port must be 0-65535 (was " + port + ")");
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the console token must not be empty");
    }
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    limits = limits == null ? QueryLimits.DEFAULTS : limits;
    budget = budget == null ? QueryBudget.DEFAULTS : budget;
  }

  public ConsoleSettings(
      String host,
      int port,
      String token,
      boolean readsNeedToken,
      List<String> corsOrigins,
      QueryLimits limits,
      QueryBudget budget) {
    this(host, port, token, readsNeedToken, corsOrigins, limits, budget, null);
  }

  public ConsoleSettings(
      String host,
      int port,
      String token,
      boolean readsNeedToken,
      List<String> corsOrigins,
      QueryLimits limits) {
    this(host, port, token, readsNeedToken, corsOrigins, limits, QueryBudget.DEFAULTS);
  }

  /** The same settings, served over HTTPS with {@code keystore}. */
  public ConsoleSettings withTls(TlsKeystore keystore) {
    return new ConsoleSettings(
        host, port, token, readsNeedToken, corsOrigins, limits, budget, keystore);
  }

  public static ConsoleSettings local(int port, String token) {
    return new ConsoleSettings(DEFAULT_HOST, port, token, false, List.of(), QueryLimits.DEFAULTS);
  }

  @Override
  public String toString() {
    return "ConsoleSettings[host="
        + host
        + ", port="
        + port
        + ", token=***, readsNeedToken="
        + readsNeedToken
        + ", corsOrigins="
        + corsOrigins
        + ", limits="
        + limits
        + ", budget="
        + budget
        + ", tls="
        + (tls == null ? "off" : tls)
        + "]";
  }
}
