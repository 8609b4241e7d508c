package io.chronoshadow.console.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * {@code /openapi.json}, {@code /docs} (Swagger UI from its WebJar) and {@code /metrics}: the
 * routes that describe and observe the console rather than drive it.
 */
public final class DocsRoutes {

  static final String TAG = "meta";

  private final Supplier<List<ApiRoute>> allRoutes;
  private final Supplier<String> metrics;
  private final boolean readsNeedToken;
  private final String swaggerUiVersion = webjarVersion("swagger-ui");

  public DocsRoutes(
      Supplier<List<ApiRoute>> allRoutes, Supplier<String> metrics, boolean readsNeedToken) {
    this.allRoutes = allRoutes;
    this.metrics = metrics;
    this.readsNeedToken = readsNeedToken;
  }

  public List<ApiRoute> routes() {
    return List.of(
        ApiRoute.get("/openapi.json")
            .tag(TAG)
            .summary("This API as an OpenAPI 3 document")
            .access(Access.PUBLIC)
            .handle(
                ctx ->
                    Json.respond(
                        ctx,
                        200,
                        OpenApiDocument.build(allRoutes.get(), version(), readsNeedToken))),
        ApiRoute.get("/docs")
            .tag(TAG)
            .summary("Swagger UI on /openapi.json")
            .access(Access.PUBLIC)
            .produces("text/html")
            .handle(ctx -> ctx.html(swaggerPage())),
        ApiRoute.get("/metrics")
            .tag(TAG)
            .summary("Prometheus metrics: JVM, Kafka Streams of the topologies, shadows, queries")
            .access(Access.PUBLIC)
            .produces("text/plain")
            .handle(
                ctx ->
                    ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(metrics.get())));
  }

  private String swaggerPage() {
    String base = "/webjars/swagger-ui/" + swaggerUiVersion;
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Chrono-Shadow API</title>"
        + "<link rel=\"stylesheet\" href=\""
        + base
        + "/swagger-ui.css\"></head><body><div id=\"swagger-ui\"></div><script src=\""
        + base
        + "/swagger-ui-bundle.js\"></script><script>window.ui = SwaggerUIBundle({url:"
        + " '/openapi.json', dom_id: '#swagger-ui'});</script></body></html>";
  }

  String swaggerUiVersion() {
    return swaggerUiVersion;
  }

  private static String version() {
    String v = DocsRoutes.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  /** The version of a WebJar on the class path, from its Maven metadata. */
  static String webjarVersion(String artifact) {
    String resource = "META-INF/maven/org.webjars/" + artifact + "/pom.properties";
    try (InputStream in = DocsRoutes.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the " + artifact + " WebJar is not on the class path");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
