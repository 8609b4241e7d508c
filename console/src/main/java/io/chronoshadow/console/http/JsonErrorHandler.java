package io.chronoshadow.console.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers as the console's JSON error body. Jetty refuses some requests before
 * Javalin sees them — a request line its parser rejects (a raw NUL byte), an ambiguous or malformed
 * path ({@code %00}, {@code ;} parameters, encoded separators) — and would answer those with its
 * HTML page; clients of an API expect the same {@code {code, message}} everywhere. The message is
 * Jetty's reason phrase only: never a stack or a cause.
 */
final class JsonErrorHandler extends ErrorHandler {

  JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
  }

  /** Jetty writes error bodies for GET, POST and HEAD only; an API answers every method alike. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    if (HttpMethod.HEAD.is(request.getMethod())) {
      response.write(true, null, callback); // same status and headers, never a body
      return;
    }
    response.write(true, ByteBuffer.wrap(body(code, message)), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(body(status, reason));
  }

  static byte[] body(int status, String reason) {
    ObjectNode body = Json.object();
    body.put("code", status == 400 ? "malformed_request" : "http_" + status);
    String phrase = HttpStatus.getMessage(status);
    body.put(
        "message",
        "the server refused the request: "
            + (reason == null || reason.isBlank() ? phrase : phrase + " (" + reason + ")"));
    return Json.bytes(body);
  }
}
