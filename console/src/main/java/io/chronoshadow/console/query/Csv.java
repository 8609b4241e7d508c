package io.chronoshadow.console.query;

import io.chronoshadow.console.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/** RFC 4180 rows: a cell is quoted when it holds a comma, quote or line break; null is empty. */
final class Csv {

  private Csv() {}

  static void row(Writer out, List<?> values) {
    try {
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        Object value = values.get(i);
        if (value != null) {
          out.write(cell(Json.text(value)));
        }
      }
      out.write("\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException("the client went away", e);
    }
  }

  static String cell(String text) {
    if (text.indexOf(',') < 0
        && text.indexOf('"') < 0
        && text.indexOf('\n') < 0
        && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }
}
