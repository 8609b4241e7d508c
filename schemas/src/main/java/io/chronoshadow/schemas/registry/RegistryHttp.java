package io.chronoshadow.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JSON-over-HTTP transport of the registry API: one request, one JSON answer, errors turned
 * into {@link SchemaRegistryException}. Retries once, and only when the connection could not be
 * opened, so that a registry restart is ridden out but an overloaded one is not hammered.
 */
final class RegistryHttp {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";
  private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

  private final ObjectMapper json;
  private final HttpClient http;
  private final String baseUrl;
  private final Duration requestTimeout;
  private final AtomicLong requestsSent = new AtomicLong();

  RegistryHttp(
      ObjectMapper json, String baseUrl, Duration connectTimeout, Duration requestTimeout) {
    this.json = json;
    this.baseUrl = stripTrailingSlashes(baseUrl);
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  String baseUrl() {
    return baseUrl;
  }

  long requestsSent() {
    return requestsSent.get();
  }

  JsonNode get(String path, String subject) {
    return send("GET", path, null, subject);
  }

  JsonNode post(String path, JsonNode body, String subject) {
    return send("POST", path, body, subject);
  }

  JsonNode put(String path, JsonNode body, String subject) {
    return send("PUT", path, body, subject);
  }

  private JsonNode send(String method, String path, JsonNode body, String subject) {
    HttpRequest request = buildRequest(method, path, body);
    HttpResponse<String> response = sendWithOneConnectRetry(request, subject);
    JsonNode answer = parseBody(response, method, path, subject);
    if (response.statusCode() / 100 != 2) {
      throw errorFrom(response.statusCode(), answer, method, path, subject);
    }
    return answer;
  }

  private HttpRequest buildRequest(String method, String path, JsonNode body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(requestTimeout)
            .header("Accept", ACCEPT);
    if (body == null) {
      return builder.method(method, HttpRequest.BodyPublishers.noBody()).build();
    }
    byte[] bytes;
    try {
      bytes = json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot serialize registry request body", e);
    }
    return builder
        .header("Content-Type", CONTENT_TYPE)
        .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes))
        .build();
  }

  private HttpResponse<String> sendWithOneConnectRetry(HttpRequest request, String subject) {
    try {
      try {
        return sendOnce(request);
      } catch (ConnectException | HttpConnectTimeoutException firstFailure) {
        Thread.sleep(RETRY_PAUSE.toMillis());
        return sendOnce(request);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreachable(request, subject, e);
    } catch (IOException e) {
      throw unreachable(request, subject, e);
    }
  }

  private HttpResponse<String> sendOnce(HttpRequest request)
      throws IOException, InterruptedException {
    requestsSent.incrementAndGet();
    return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private SchemaRegistryException unreachable(HttpRequest request, String subject, Exception e) {
    String what = e instanceof HttpTimeoutException ? "timed out" : "is unreachable";
    return new SchemaRegistryException(
        "Schema registry at "
            + baseUrl
            + " "
            + what
            + " ("
            + request.method()
            + " "
            + request.uri().getRawPath()
            + "): "
            + e,
        SchemaRegistryException.NO_RESPONSE,
        SchemaRegistryException.NO_ERROR_CODE,
        null,
        subject,
        e);
  }

  private JsonNode parseBody(
      HttpResponse<String> response, String method, String path, String subject) {
    String text = response.body();
    if (text == null || text.isBlank()) {
      return json.nullNode();
    }
    try {
      return json.readTree(text);
    } catch (IOException e) {
      if (response.statusCode() / 100 != 2) {
        // A proxy or a servlet container error page: keep the text as the message.
        return json.createObjectNode().put("message", abbreviate(text));
      }
      throw new SchemaRegistryException(
          "Schema registry answered " + method + " " + path + " with non-JSON: " + abbreviate(text),
          response.statusCode(),
          SchemaRegistryException.NO_ERROR_CODE,
          abbreviate(text),
          subject,
          e);
    }
  }

  private static SchemaRegistryException errorFrom(
      int status, JsonNode answer, String method, String path, String subject) {
    int errorCode =
        answer.hasNonNull("error_code")
            ? answer.get("error_code").asInt()
            : SchemaRegistryException.NO_ERROR_CODE;
    String registryMessage = answer.hasNonNull("message") ? answer.get("message").asText() : null;
    StringBuilder message = new StringBuilder();
    if (status == 409) {
      message.append("Schema is incompatible with the earlier versions of subject '");
      message.append(subject).append("' under its compatibility level");
    } else {
      message.append("Schema registry rejected ").append(method).append(' ').append(path);
      if (subject != null) {
        message.append(" for subject '").append(subject).append('\'');
      }
    }
    message.append(" (HTTP ").append(status);
    if (errorCode != SchemaRegistryException.NO_ERROR_CODE) {
      message.append(", error_code ").append(errorCode);
    }
    message.append(')');
    if (registryMessage != null) {
      message.append(": ").append(registryMessage);
    }
    return new SchemaRegistryException(
        message.toString(), status, errorCode, registryMessage, subject);
  }

  private static String abbreviate(String text) {
    return text.length() <= 500 ? text : text.substring(0, 500) + "…";
  }

  private static String stripTrailingSlashes(String url) {
    String trimmed = url.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }
}
