package io.chronoshadow.schemas.change;

/** The operation of a Debezium change event, with the one-letter code of its {@code op} field. */
public enum Op {
  CREATE("c"),
  UPDATE("u"),
  DELETE("d"),
  /** A row read by a snapshot. */
  READ("r"),
  TRUNCATE("t");

  private final String code;

  Op(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The op for a Debezium code, or null when the code is none of ours (e.g. "m" messages). */
  public static Op fromCode(String code) {
    for (Op op : values()) {
      if (op.code.equals(code)) {
        return op;
      }
    }
    return null;
  }
}
