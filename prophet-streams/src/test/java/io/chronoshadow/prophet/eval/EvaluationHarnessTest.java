package io.chronoshadow.prophet.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationHarnessTest {
  @Test
  void generatesTheSuiteAndPrintsForecastAndDetectionTables(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    EvaluationHarness.run(
        EvaluationHarness.Options.parse(
            new String[] {"--generate", dir.toString(), "--model", "hw-robust", "--horizon", "6"}),
        new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(Files.list(dir).filter(p -> p.toString().endsWith(".csv")).count())
        .isEqualTo(SyntheticSuite.standard().size());
    assertThat(out).contains("sMAPE%", "MASE", "precision", "recall", "F1", "delay");
    assertThat(out).contains("hourly_trend_daily", "ALL (pooled)");
  }

  @Test
  void csvRoundTripKeepsValuesLabelsAndGaps(@TempDir Path dir) {
    LabeledSeries s =
        LabeledSeries.of(
            "tiny",
            SyntheticSuite.START,
            java.time.Duration.ofMinutes(5),
            new double[] {1.5, Double.NaN, -2},
            new boolean[] {false, true, false});
    Path file = dir.resolve("tiny.csv");
    CsvSeries.write(s, file);
    LabeledSeries back = CsvSeries.read(file);
    assertThat(back.series()).isEqualTo(s.series());
    assertThat(back.labels()).containsExactly(false, true, false);
    assertThat(back.name()).isEqualTo("tiny");
  }
}
