package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

/** The name of a source table inside the configured database; compared exactly, case kept. */
public record TableId(String name) implements Comparable<TableId> {
  public TableId {
    requireNonNull(name, "name is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("table name is blank");
    }
  }

  public static TableId of(String name) {
    return new TableId(name);
  }

  @Override
  public int compareTo(TableId other) {
    return name.compareTo(other.name);
  }

  /**
   * The name as it may be printed: control characters (a newline that would forge a log line, an
   * escape sequence for the terminal) written as a backslash, {@code u} and four hex digits; everything else as it is.
   */
  @Override
  public String toString() {
    return printable(name);
  }

  /** {@code text} with its control characters written as a backslash, {@code u} and four hex digits, safe for logs and terminals. */
  public static String printable(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (control && out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (out != null) {
        if (control) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }
}
