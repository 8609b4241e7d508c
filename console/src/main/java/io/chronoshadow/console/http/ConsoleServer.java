package io.chronoshadow.console.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronoshadow.console.auth.BearerAuth;
import io.chronoshadow.console.metrics.ConsoleMetrics;
import io.chronoshadow.shadow.policy.InvalidPolicyException;
import io.chronoshadow.shadow.policy.PolicyViolation;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.exceptions.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP server (Javalin 7 on Jetty 12): registers exactly the given routes, each
 * behind the bearer check its {@link Access} asks for and timed into {@code chrono.query.latency};
 * turns every failure into {@code {code, message, field?}} — 4xx for what the client can fix, 503
 * for a dependency that is down, and a 500 without internals (logged with a reference) for bugs.
 */
public final class ConsoleServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
  private static final long MAX_BODY_BYTES = 1 << 20;

  private final List<ApiRoute> routes;
  private final ExpensiveQueries expensive;
  private final Javalin app;
  private final TlsKeystore tls;

  public ConsoleServer(
      String host,
      int port,
      List<String> corsOrigins,
      BearerAuth auth,
      ConsoleMetrics metrics,
      List<ApiRoute> routes) {
    this(host, port, corsOrigins, auth, metrics, QueryBudget.DEFAULTS, routes);
  }

  public ConsoleServer(
      String host,
      int port,
      List<String> corsOrigins,
      BearerAuth auth,
      ConsoleMetrics metrics,
      QueryBudget budget,
      List<ApiRoute> routes) {
    this(host, port, corsOrigins, auth, metrics, budget, null, routes);
  }

  /**
   * @param tls the keystore to serve HTTPS with, or null for plain HTTP; with one, the port serves
   *     HTTPS only
   */
  public ConsoleServer(
      String host,
      int port,
      List<String> corsOrigins,
      BearerAuth auth,
      ConsoleMetrics metrics,
      QueryBudget budget,
      TlsKeystore tls,
      List<ApiRoute> routes) {
    this.routes = List.copyOf(routes);
    this.tls = tls;
    this.expensive = new ExpensiveQueries(budget);
    this.app =
        Javalin.create(
            config -> {
              config.jetty.host = host;
              config.jetty.port = port;
              if (tls != null) {
                // Javalin adds its plain HTTP connector only when none is configured.
                config.jetty.addConnector(
                    (server, http) -> TlsConnector.create(server, http, tls, host, port));
              }
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.maxRequestSize = MAX_BODY_BYTES;
              config.http.prefer405over404 = true;
              config.staticFiles.enableWebjars();
              // Requests Jetty refuses before routing (bad request lines, ambiguous paths) get
              // the JSON error body too, from the server and from the servlet context.
              config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
              config.jetty.modifyServletContextHandler(
                  context -> context.setErrorHandler(new JsonErrorHandler()));
              if (!corsOrigins.isEmpty()) {
                config.bundledPlugins.enableCors(
                    cors ->
                        cors.addRule(
                            rule -> {
                              for (String origin : corsOrigins) {
                                rule.allowHost(origin);
                              }
                            }));
              }
              config.routes.exception(ApiError.class, (e, ctx) -> error(ctx, e));
              config.routes.exception(
                  InvalidPolicyException.class, (e, ctx) -> invalidPolicy(ctx, e));
              config.routes.exception(
                  HttpResponseException.class, (e, ctx) -> error(ctx, fromJavalin(e, ctx)));
              // Before routing: a path no route could mean (NUL, ';' parameters) is refused
              // whole, rather than matched with the junk as part of a name.
              config.routes.before(PathGuard::check);
              // An Error (e.g. out of memory in one query) is still a JSON 500 without internals.
              config.router.javaLangErrorHandler(ConsoleServer::fatal);
              // Iceberg rejects an expression it cannot bind (e.g. a NaN bound): the client's
              // input.
              config.routes.exception(
                  ValidationException.class,
                  (e, ctx) ->
                      error(ctx, new ApiError(400, "invalid_request", e.getMessage(), null)));
              config.routes.exception(
                  IllegalArgumentException.class,
                  (e, ctx) ->
                      error(ctx, new ApiError(400, "invalid_request", e.getMessage(), null)));
              config.routes.exception(Exception.class, (e, ctx) -> internal(ctx, e));
              config.routes.error(
                  404,
                  ctx -> {
                    if (ctx.result() == null) {
                      error(
                          ctx,
                          ApiError.notFound(
                              "no_such_route",
                              "no route "
                                  + ctx.method()
                                  + " "
                                  + PathGuard.shown(ctx.path())
                                  + "; /openapi.json lists the routes"));
                    }
                  });
              config.routes.error(
                  405,
                  ctx -> {
                    if (ctx.result() == null) {
                      error(
                          ctx,
                          new ApiError(
                              405,
                              "method_not_allowed",
                              ctx.method() + " is not allowed on " + PathGuard.shown(ctx.path()),
                              null));
                    }
                  });
              config.routes.error(
                  413,
                  ctx -> {
                    if (ctx.result() == null) {
                      error(
                          ctx,
                          ApiError.tooLarge(
                              null,
                              "the request body is larger than " + MAX_BODY_BYTES + " bytes"));
                    }
                  });
              for (ApiRoute route : this.routes) {
                io.javalin.http.Handler handler = guarded(route, auth, metrics, expensive);
                config.routes.addEndpoint(new Endpoint(route.method(), route.path(), handler));
                if (route.method() == HandlerType.GET) {
                  // HEAD is GET without the body (Jetty drops it): same status and headers.
                  config.routes.addEndpoint(new Endpoint(HandlerType.HEAD, route.path(), handler));
                }
              }
              // One line per call; the path only: headers (the token) and bodies are never logged.
              config.requestLogger.http(
                  (ctx, ms) ->
                      LOG.info(
                          "{} {} → {} in {} ms",
                          ctx.method(),
                          ctx.path(),
                          ctx.statusCode(),
                          String.format("%.1f", ms)));
            });
  }

  private static io.javalin.http.Handler guarded(
      ApiRoute route, BearerAuth auth, ConsoleMetrics metrics, ExpensiveQueries expensive) {
    return ctx -> {
      long t0 = System.nanoTime();
      try {
        auth.check(route.access(), ctx.header("Authorization"));
        ParamGuard.check(route, ctx);
        if (route.requestBody() != null) {
          JsonBodies.checkContentType(ctx);
        }
        ctx.status(route.successStatus());
        if (route.expensive()) {
          expensive.run(route.handler(), ctx);
        } else {
          route.handler().handle(ctx);
        }
      } finally {
        metrics.recordQuery(
            route.method().name(), route.path(), ctx.statusCode(), System.nanoTime() - t0);
      }
    };
  }

  public ConsoleServer start() {
    app.start();
    LOG.info("console listening on {} ({} routes)", url(), routes.size());
    return this;
  }

  public int port() {
    return app.port();
  }

  public String url() {
    return (tls == null ? "http://" : "https://") + app.unsafe.jetty.host + ":" + port();
  }

  public List<ApiRoute> routes() {
    return routes;
  }

  /** The method and path of every HTTP endpoint the server actually has, e.g. {@code GET /x}. */
  public List<String> registeredEndpoints() {
    List<String> out = new ArrayList<>();
    for (ParsedEndpoint e : app.unsafe.internalRouter.allHttpHandlers()) {
      HandlerType method = e.endpoint.method;
      // HEAD mirrors every GET; the route list (and the OpenAPI document) name the GET only.
      if (method.isHttpMethod() && method != HandlerType.HEAD) {
        out.add(method.name() + " " + e.endpoint.path);
      }
    }
    return out;
  }

  /** Javalin's own refusals, in the console's codes and with a hint where to look. */
  private static ApiError fromJavalin(HttpResponseException e, Context ctx) {
    return switch (e.getStatus()) {
      case 404 ->
          ApiError.notFound(
              "no_such_route",
              "no route "
                  + ctx.method()
                  + " "
                  + PathGuard.shown(ctx.path())
                  + "; /openapi.json lists the routes");
      case 405 ->
          new ApiError(
              405,
              "method_not_allowed",
              ctx.method() + " is not allowed on " + PathGuard.shown(ctx.path()),
              null);
      default -> new ApiError(e.getStatus(), "http_" + e.getStatus(), e.getMessage(), null);
    };
  }

  static void error(Context ctx, ApiError e) {
    ObjectNode body = Json.object();
    body.put("code", e.code());
    body.put("message", e.getMessage());
    if (e.field() != null) {
      body.put("field", e.field());
    }
    if (e.status() == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    Json.respond(ctx, e.status(), body);
  }

  private static void invalidPolicy(Context ctx, InvalidPolicyException e) {
    ObjectNode body = Json.object();
    body.put("code", "invalid_policy");
    body.put("message", e.getMessage());
    List<PolicyViolation> violations = e.violations();
    if (!violations.isEmpty()) {
      body.put("field", violations.get(0).field());
    }
    ArrayNode all = body.putArray("violations");
    for (PolicyViolation v : violations) {
      all.addObject().put("field", v.field()).put("message", v.problem());
    }
    Json.respond(ctx, 400, body);
  }

  private static void internal(Context ctx, Exception e) {
    String reference = UUID.randomUUID().toString();
    LOG.error("{} {} failed (reference {})", ctx.method(), ctx.path(), reference, e);
    error(
        ctx,
        new ApiError(
            500,
            "internal_error",
            "the console failed on this request; the server log has the details under reference "
                + reference,
            null));
  }

  private static void fatal(jakarta.servlet.http.HttpServletResponse response, Error e) {
    String reference = UUID.randomUUID().toString();
    LOG.error("a request failed with an Error (reference {})", reference, e);
    if (response.isCommitted()) {
      return;
    }
    try {
      response.resetBuffer();
      response.setStatus(500);
      response.setContentType("application/json");
      ObjectNode body = Json.object();
      body.put("code", "internal_error");
      body.put(
          "message",
          "the console failed on this request; the server log has the details under reference "
              + reference);
      response.getOutputStream().write(Json.bytes(body));
    } catch (java.io.IOException | IllegalStateException ignored) {
      // the client is gone or the response is committed: nothing left to tell it
    }
  }

  @Override
  public void close() {
    app.stop();
    expensive.close();
  }
}
