package io.tidbsync.domain.normalize;

import java.util.OptionalInt;

/**
 * The vector text form TiDB sends and accepts, {@code [1,2.5,-3e-2]}: strict parsing into float32
 * arrays and formatting back. Spaces around elements are allowed; NaN, infinities, values outside
 * float range, empty elements and anything after the closing bracket are not.
 */
public final class VectorText {
  private VectorText() {}

  /**
   * Parses {@code text} into floats.
   *
   * @throws IllegalArgumentException naming the problem and position, with a short excerpt
   */
  public static float[] parse(String text, OptionalInt dimension) {
    int end = text.length();
    int pos = skipSpaces(text, 0, end);
    if (pos >= end || text.charAt(pos) != '[') {
      throw malformed(text, pos, "expected '['");
    }
    int close = end - 1;
    while (close > pos && isSpace(text.charAt(close))) {
      close--;
    }
    if (close <= pos || text.charAt(close) != ']') {
      throw malformed(text, close, "expected ']' at the end");
    }
    int bodyStart = skipSpaces(text, pos + 1, close);
    if (bodyStart == close) {
      return checkDimension(new float[0], dimension, text);
    }
    float[] values = new float[countCommas(text, bodyStart, close) + 1];
    int index = 0;
    int start = bodyStart;
    while (true) {
      int comma = text.indexOf(',', start);
      int elementEnd = comma < 0 || comma > close ? close : comma;
      values[index++] = parseElement(text, start, elementEnd);
      if (elementEnd == close) {
        break;
      }
      start = elementEnd + 1;
    }
    return checkDimension(values, dimension, text);
  }

  /** The shortest text that parses back to exactly these floats. */
  public static String format(float[] values) {
    StringBuilder out = new StringBuilder(values.length * 10 + 2).append('[');
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(values[i]);
    }
    return out.append(']').toString();
  }

  private static float[] checkDimension(float[] values, OptionalInt dimension, String text) {
    if (dimension.isPresent() && values.length != dimension.getAsInt()) {
      throw new IllegalArgumentException(
          "vector has "
              + values.length
              + " dimensions, the column has "
              + dimension.getAsInt()
              + ": "
              + Redaction.excerpt(text));
    }
    return values;
  }

  private static float parseElement(String text, int from, int to) {
    int start = skipSpaces(text, from, to);
    int end = to;
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    if (start == end) {
      throw malformed(text, from, "empty element");
    }
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      boolean allowed =
          (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
      if (!allowed) {
        throw malformed(text, i, "unexpected character '" + c + "'");
      }
    }
    float value;
    try {
      value = Float.parseFloat(text.substring(start, end));
    } catch (NumberFormatException e) {
      throw malformed(text, start, "not a number");
    }
    if (Float.isInfinite(value)) {
      throw malformed(text, start, "outside the float32 range");
    }
    return value;
  }

  private static int countCommas(String text, int from, int to) {
    int count = 0;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == ',') {
        count++;
      }
    }
    return count;
  }

  private static int skipSpaces(String text, int from, int to) {
    int i = from;
    while (i < to && isSpace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static IllegalArgumentException malformed(String text, int position, String problem) {
    return new IllegalArgumentException(
        "malformed vector text at character " + position + ": " + problem + "; value "
            + Redaction.excerpt(text));
  }
}
