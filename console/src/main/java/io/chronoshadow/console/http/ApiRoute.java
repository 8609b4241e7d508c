package io.chronoshadow.console.http;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * One route of the console, with what the OpenAPI document says about it. The server registers
 * exactly these routes and the document is built from the same list, so the two cannot drift.
 *
 * @param path Javalin path syntax ({@code /api/v1/groups/{group}})
 * @param requestBody JSON schema name of the body (under {@code components.schemas}), or null
 * @param produces response media types of the success answer
 * @param expensive whether it runs within the {@link QueryBudget} (its work grows with the data or
 *     the request: reads, diffs, forecasts), rather than on the request thread
 */
public record ApiRoute(
    HandlerType method,
    String path,
    String tag,
    String summary,
    Access access,
    List<ApiParam> params,
    String requestBody,
    int successStatus,
    List<String> produces,
    boolean expensive,
    Handler handler) {

  public ApiRoute {
    params = List.copyOf(params);
    produces = List.copyOf(produces);
  }

  public static Builder get(String path) {
    return new Builder(HandlerType.GET, path, Access.READ, 200);
  }

  public static Builder post(String path) {
    return new Builder(HandlerType.POST, path, Access.WRITE, 201);
  }

  public static Builder put(String path) {
    return new Builder(HandlerType.PUT, path, Access.WRITE, 200);
  }

  public static Builder delete(String path) {
    return new Builder(HandlerType.DELETE, path, Access.WRITE, 204);
  }

  /** Fluent construction, so that route tables read as a list. */
  public static final class Builder {
    private final HandlerType method;
    private final String path;
    private Access access;
    private int successStatus;
    private String tag = "console";
    private String summary = "";
    private List<ApiParam> params = List.of();
    private String requestBody;
    private List<String> produces = List.of("application/json");
    private boolean expensive;

    private Builder(HandlerType method, String path, Access access, int successStatus) {
      this.method = method;
      this.path = path;
      this.access = access;
      this.successStatus = successStatus;
    }

    public Builder tag(String tag) {
      this.tag = tag;
      return this;
    }

    public Builder summary(String summary) {
      this.summary = summary;
      return this;
    }

    public Builder params(ApiParam... params) {
      this.params = List.of(params);
      return this;
    }

    public Builder body(String schema) {
      this.requestBody = schema;
      return this;
    }

    public Builder access(Access access) {
      this.access = access;
      return this;
    }

    public Builder status(int successStatus) {
      this.successStatus = successStatus;
      return this;
    }

    public Builder produces(String... mediaTypes) {
      this.produces = List.of(mediaTypes);
      return this;
    }

    /** Runs within the {@link QueryBudget}: concurrency per client and overall, a deadline. */
    public Builder expensive() {
      this.expensive = true;
      return this;
    }

    public ApiRoute handle(Handler handler) {
      return new ApiRoute(
          method,
          path,
          tag,
          summary,
          access,
          params,
          requestBody,
          successStatus,
          produces,
          expensive,
          handler);
    }
  }
}
