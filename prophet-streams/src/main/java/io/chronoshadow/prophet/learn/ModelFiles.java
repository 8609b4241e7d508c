package io.chronoshadow.prophet.learn;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A learned forecaster on disk: DJL's parameter file ({@code <name>-0000.params}) beside {@code
 * network.json}, which holds what rebuilding the network and serving it needs (architecture,
 * window, horizon, quantiles, sizes). The pair is what the object store keeps per model version.
 */
public final class ModelFiles {

  static final String NETWORK_FILE = "network.json";
  private static final String PARAMS_NAME = "net";
  // 3: the transformer reads out its last step instead of the mean over the window. Its format-2
  // parameters fit the new network's shapes but would forecast differently, so they are refused;
  // an LSTM is the same network in both.
  private static final int FORMAT = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ModelFiles() {}

  public static void save(LearnedForecaster forecaster, Path dir) throws IOException {
    Files.createDirectories(dir);
    forecaster.model().save(dir, PARAMS_NAME);
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    NetworkSpec spec = forecaster.spec();
    root.put("architecture", spec.architecture().label());
    root.put("window", spec.window());
    root.put("horizon", spec.horizon());
    ArrayNode quantiles = root.putArray("quantiles");
    for (double q : spec.quantiles()) {
      quantiles.add(q);
    }
    root.put("hidden", spec.hidden());
    root.put("heads", spec.heads());
    root.put("layers", spec.layers());
    JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(NETWORK_FILE).toFile(), root);
  }

  /**
   * @throws IOException if a file is missing or unreadable, or the description is not one this
   *     version understands (the message says which field)
   */
  public static LearnedForecaster load(Path dir, String modelName) throws IOException {
    Path description = dir.resolve(NETWORK_FILE);
    if (!Files.isRegularFile(description)) {
      throw new IOException("no " + NETWORK_FILE + " in " + dir);
    }
    JsonNode root = JSON.readTree(description.toFile());
    int format = required(root, "format", description).asInt();
    boolean sameNetwork =
        format == FORMAT
            || (format == 2
                && Architecture.LSTM.label().equals(root.path("architecture").asText()));
    if (!sameNetwork) {
      throw new IOException(
          description
              + ": model format "
              + format
              + (format == 2 ? " (transformer with a mean-pooled readout)" : "")
              + " is not supported (expected "
              + FORMAT
              + "); retrain it");
    }
    JsonNode q = required(root, "quantiles", description);
    double[] quantiles = new double[q.size()];
    for (int i = 0; i < quantiles.length; i++) {
      quantiles[i] = q.get(i).asDouble();
    }
    NetworkSpec spec;
    try {
      spec =
          new NetworkSpec(
              Architecture.fromLabel(required(root, "architecture", description).asText()),
              required(root, "window", description).asInt(),
              required(root, "horizon", description).asInt(),
              quantiles,
              required(root, "hidden", description).asInt(),
              required(root, "heads", description).asInt(),
              required(root, "layers", description).asInt());
    } catch (IllegalArgumentException e) {
      throw new IOException(description + ": " + e.getMessage(), e);
    }
    Model model = Model.newInstance(modelName, Device.cpu(), "PyTorch");
    try {
      model.setBlock(spec.newBlock());
      model.load(dir, PARAMS_NAME);
    } catch (MalformedModelException | IOException | RuntimeException e) {
      model.close();
      throw new IOException(
          "cannot load the parameters of " + spec + " from " + dir + ": " + e.getMessage(), e);
    }
    return new LearnedForecaster(model, spec);
  }

  private static JsonNode required(JsonNode root, String field, Path file) throws IOException {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      throw new IOException(file + ": field '" + field + "' is missing");
    }
    return node;
  }
}
