package io.chronoshadow.prophet.topology;

/** The prophet topology's topics. */
public record ProphetTopics(
    String statsTopic, String forecastsTopic, String anomaliesTopic, String dlqTopic) {

  /**
   * {@code chrono.shadow-stats} in; {@code chrono.forecasts}, {@code chrono.anomalies}, dlq out.
   */
  public static ProphetTopics defaults() {
    return new ProphetTopics(
        "chrono.shadow-stats", "chrono.forecasts", "chrono.anomalies", "chrono.dlq");
  }
}
