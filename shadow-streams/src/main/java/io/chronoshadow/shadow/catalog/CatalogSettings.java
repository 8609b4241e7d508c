package io.chronoshadow.shadow.catalog;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the shadows live: an Iceberg {@code JdbcCatalog} in PostgreSQL whose warehouse is {@code
 * s3a://<bucket>/warehouse} on an S3-compatible endpoint.
 *
 * <p>Construction validates every field and reports all problems at once, each naming its field.
 * {@link #toString()} masks the secrets so that settings can be logged.
 */
public record CatalogSettings(
    URI endpoint,
    String bucket,
    String accessKey,
    String secretKey,
    String region,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    String catalogName) {

  // S3 bucket naming rules (the subset that matters for path-style access).
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]+");
  // The catalog name is a column value in the catalog tables and shows up in Trino's config.
  private static final Pattern CATALOG_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public CatalogSettings {
    // Fields are assigned only after a compact constructor's body: validate the parameters.
    List<String> problems =
        problems(
            endpoint,
            bucket,
            accessKey,
            secretKey,
            region,
            jdbcUrl,
            jdbcUser,
            jdbcPassword,
            catalogName);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid catalog settings: " + String.join("; ", problems));
    }
  }

  /** The Iceberg warehouse root. */
  public String warehouseLocation() {
    return "s3a://" + bucket + "/warehouse";
  }

  private static List<String> problems(
      URI endpoint,
      String bucket,
      String accessKey,
      String secretKey,
      String region,
      String jdbcUrl,
      String jdbcUser,
      String jdbcPassword,
      String catalogName) {
    List<String> problems = new ArrayList<>();
    if (endpoint == null) {
      problems.add("endpoint is required (e.g. http://127.0.0.1:9000)");
    } else if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
      problems.add("endpoint must be an http or https URL (was " + endpoint + ")");
    } else if (endpoint.getHost() == null) {
      problems.add("endpoint must name a host (was " + endpoint + ")");
    } else if (endpoint.getPath() != null
        && !endpoint.getPath().isEmpty()
        && !"/".equals(endpoint.getPath())) {
      problems.add(
          "endpoint must not have a path: the bucket is given separately (was " + endpoint + ")");
    }
    if (blank(bucket)) {
      problems.add("bucket is required");
    } else if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      problems.add(
          "bucket must be 3-63 characters of [a-z0-9.-], starting and ending with a letter or digit"
              + " (was '"
              + bucket
              + "')");
    }
    if (blank(accessKey)) {
      problems.add("accessKey is required (no credential chain is consulted)");
    }
    if (blank(secretKey)) {
      problems.add("secretKey is required (no credential chain is consulted)");
    }
    if (blank(region)) {
      problems.add("region is required (e.g. us-east-1; no region lookup is made)");
    } else if (!REGION.matcher(region).matches()) {
      problems.add("region must be lowercase letters, digits and '-' (was '" + region + "')");
    }
    if (blank(jdbcUrl)) {
      problems.add("jdbcUrl is required");
    } else if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      problems.add(
          "jdbcUrl must be a PostgreSQL JDBC URL, jdbc:postgresql:… (was " + jdbcUrl + ")");
    }
    if (blank(jdbcUser)) {
      problems.add("jdbcUser is required");
    }
    if (jdbcPassword == null) {
      problems.add("jdbcPassword is required (may be empty)");
    }
    if (blank(catalogName)) {
      problems.add("catalogName is required");
    } else if (!CATALOG_NAME.matcher(catalogName).matches()) {
      problems.add(
          "catalogName must be 1-64 characters of [A-Za-z0-9_-] (was '" + catalogName + "')");
    }
    return problems;
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  @Override
  public String toString() {
    return "CatalogSettings[endpoint="
        + endpoint
        + ", bucket="
        + bucket
        + ", accessKey="
        + accessKey
        + ", secretKey=***, region="
        + region
        + ", jdbcUrl="
        + jdbcUrl
        + ", jdbcUser="
        + jdbcUser
        + ", jdbcPassword=***, catalogName="
        + catalogName
        + "]";
  }
}
