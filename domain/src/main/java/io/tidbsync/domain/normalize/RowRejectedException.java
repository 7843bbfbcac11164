package io.tidbsync.domain.normalize;

import static java.util.Objects.requireNonNull;

/**
 * A value that cannot be turned into its column's logical type. The message names the column and
 * the problem and never holds more than a short prefix of the value.
 */
public final class RowRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String column;

  public RowRejectedException(String column, String reason) {
    super("column " + requireNonNull(column, "column is null") + ": " + reason, null, false, false);
    this.column = column;
  }

  public String column() {
    return column;
  }
}
