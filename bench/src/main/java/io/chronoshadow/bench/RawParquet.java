package io.chronoshadow.bench;

import java.io.IOException;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;

/**
 * Iceberg's generic Parquet writer on a new file under the table's location, outside any snapshot:
 * the baseline the benchmarks compare the shadows' writes and sizes with.
 */
final class RawParquet {

  private RawParquet() {}

  static DataWriter<Record> writer(Table table, String directory) throws IOException {
    return Parquet.writeData(
            table
                .io()
                .newOutputFile(
                    table.location() + "/" + directory + "/" + UUID.randomUUID() + ".parquet"))
        .forTable(table)
        .createWriterFunc(GenericParquetWriter::create)
        .build();
  }
}
