package io.tidbsync.source.tidb;

import ch.randelshofer.fastdoubleparser.JavaFloatParser;

/**
 * The fast path for vector columns: TiDB's text form {@code [1,2.5,-3e-2]}, or the JSON text most
 * tools write ({@code [1, 2.5, -0.03]}, spaces around elements), parsed straight from the driver's
 * bytes into floats with FastDoubleParser (exactly rounded, no String per element). Only
 * well-formed text is taken here: anything unusual (an empty element, a character outside a plain
 * decimal number, a value outside float range) returns {@code null}, and the caller hands the text
 * to the domain's strict parser, which names the problem.
 */
final class VectorBytes {
  private VectorBytes() {}

  static float[] parse(byte[] text) {
    int open = skipSpaces(text, 0, text.length);
    int close = text.length;
    while (close > open && isSpace(text[close - 1])) {
      close--;
    }
    if (close - open < 2 || text[open] != '[' || text[close - 1] != ']') {
      return null;
    }
    int from = open + 1;
    int to = close - 1; // the ']'
    if (skipSpaces(text, from, to) == to) {
      return new float[0];
    }
    int count = 1;
    for (int i = from; i < to; i++) {
      if (text[i] == ',') {
        count++;
      }
    }
    float[] values = new float[count];
    int index = 0;
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i < to && text[i] != ',') {
        continue;
      }
      int first = skipSpaces(text, start, i);
      int last = i;
      while (last > first && isSpace(text[last - 1])) {
        last--;
      }
      if (first == last || !plainNumber(text, first, last)) {
        return null;
      }
      float value;
      try {
        value = JavaFloatParser.parseFloat(text, first, last - first);
      } catch (NumberFormatException e) {
        return null;
      }
      if (Float.isInfinite(value)) {
        return null;
      }
      values[index++] = value;
      start = i + 1;
    }
    return values;
  }

  private static boolean plainNumber(byte[] text, int from, int to) {
    for (int i = from; i < to; i++) {
      byte b = text[i];
      if (!((b >= '0' && b <= '9') || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E')) {
        return false;
      }
    }
    return true;
  }

  private static int skipSpaces(byte[] text, int from, int to) {
    while (from < to && isSpace(text[from])) {
      from++;
    }
    return from;
  }

  /** The same white space the domain's strict parser allows. */
  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }
}
