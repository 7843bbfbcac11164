package io.tidbsync.domain.normalize;

/** Short, safe excerpts of values for error messages. */
public final class Redaction {
  private static final int PREFIX = 16;

  private Redaction() {}

  /** The first few characters of {@code text} and its length, e.g. {@code "[0.1,ab…" (120 chars)}. */
  public static String excerpt(String text) {
    if (text.length() <= PREFIX) {
      return '"' + text + "\" (" + text.length() + " chars)";
    }
    return '"' + text.substring(0, PREFIX) + "…\" (" + text.length() + " chars)";
  }
}
