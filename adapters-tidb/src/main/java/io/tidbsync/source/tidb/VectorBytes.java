package io.tidbsync.source.tidb;

import ch.randelshofer.fastdoubleparser.JavaFloatParser;
import java.util.Arrays;

/**
 * The fast path for vector columns: TiDB's text form {@code [1,2.5,-3e-2]}, or the JSON text most
 * tools write ({@code [1, 2.5, -0.03]}, spaces around elements), parsed straight from the driver's
 * bytes into floats in one pass (no String per element): short decimals by one exactly rounded
 * double operation whose float is then the nearest one (see below), the rest by FastDoubleParser
 * (exactly rounded too). Only
 * well-formed text is taken here: anything unusual (an empty element, a character outside a plain
 * decimal number, a value outside float range) returns {@code null}, and the caller hands the text
 * to the domain's strict parser, which names the problem.
 */
final class VectorBytes {
  private VectorBytes() {}

  static float[] parse(byte[] text) {
    return parse(text, 16);
  }

  /**
   * As {@link #parse(byte[])}, into an array first sized for {@code expected} floats (the
   * column's dimension, or the last row's count): grown or trimmed when the text has another
   * count. Counting the commas first, for an exact size, took a third of the parse's time under C1.
   */
  static float[] parse(byte[] text, int expected) {
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
    float[] values = new float[Math.max(1, expected)];
    int index = 0;
    int i = from;
    while (true) {
      i = skipSpaces(text, i, to);
      int first = i;
      float value = Float.NaN;
      // Clinger's fast path: [+-]digits[.digits][(e|E)[+-]digits] whose digits make an integer up
      // to 2^53 and whose power of ten is within 10^±22, as embeddings are written (0.217475,
      // -0.0035781264, 1.2345678E-4). The integer and the power of ten are then doubles exactly, and
      // one division or multiplication gives the nearest double. Its nearest float is the nearest
      // float to the decimal unless that double lies exactly halfway between two floats (no float
      // midpoint, itself a double, can lie between the decimal and its nearest double): that rare
      // case is parsed in full.
      boolean negative = i < to && text[i] == '-';
      if (i < to && (negative || text[i] == '+')) {
        i++;
      }
      long digits = 0;
      int integerStart = i;
      while (i < to && text[i] >= '0' && text[i] <= '9') {
        digits = digits * 10 + (text[i++] - '0');
      }
      int digitCount = i - integerStart;
      int scale = 0;
      if (digitCount > 0 && i < to && text[i] == '.') {
        int fraction = ++i;
        while (i < to && text[i] >= '0' && text[i] <= '9') {
          digits = digits * 10 + (text[i++] - '0');
        }
        scale = i - fraction;
        digitCount = scale == 0 ? 0 : digitCount + scale;
      }
      int exponent = 0;
      if (digitCount > 0 && i < to && (text[i] == 'e' || text[i] == 'E')) {
        i++;
        boolean negativeExponent = i < to && text[i] == '-';
        if (i < to && (negativeExponent || text[i] == '+')) {
          i++;
        }
        int exponentStart = i;
        while (i < to && text[i] >= '0' && text[i] <= '9' && i - exponentStart < 3) {
          exponent = exponent * 10 + (text[i++] - '0');
        }
        digitCount = i == exponentStart ? 0 : digitCount;
        exponent = negativeExponent ? -exponent : exponent;
      }
      int last = i;
      i = skipSpaces(text, i, to);
      int power = exponent - scale;
      double nearest = Double.NaN;
      if (digitCount > 0 && digitCount <= 18 && digits <= EXACT_DOUBLE_INTEGER && power >= -22 && power <= 22
          && (i == to || text[i] == ',')) {
        nearest = power < 0 ? digits / EXACT_POWERS_OF_TEN[-power] : digits * EXACT_POWERS_OF_TEN[power];
      }
      if (!Double.isNaN(nearest) && !floatMidpoint(nearest)) {
        value = (float) (negative ? -nearest : nearest);
      } else {
        // Anything else, in full: the element runs to the next comma, spaces trimmed.
        while (i < to && text[i] != ',') {
          i++;
        }
        last = i;
        while (last > first && isSpace(text[last - 1])) {
          last--;
        }
        value = fullParse(text, first, last);
        if (Float.isNaN(value)) {
          return null;
        }
      }
      if (index == values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[index++] = value;
      if (i == to) {
        return index == values.length ? values : Arrays.copyOf(values, index);
      }
      i++; // the comma
    }
  }

  /** 2^53: every integer up to it is a double exactly. */
  private static final long EXACT_DOUBLE_INTEGER = 1L << 53;

  /** 10^0 to 10^22, each a double exactly (5^22 is below 2^53). */
  private static final double[] EXACT_POWERS_OF_TEN = {
      1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
      1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

  /**
   * Whether a double lies exactly halfway between two floats: its 29 significand bits below a
   * float's 24 are a one and 28 zeros. The doubles here (10^-22 to 10^37 in size) are all within
   * the normal floats' range, where this holds.
   */
  static boolean floatMidpoint(double value) {
    return (Double.doubleToRawLongBits(value) & 0x1FFF_FFFFL) == 0x1000_0000L;
  }

  /** A plain decimal number by FastDoubleParser, exactly rounded; NaN for anything else or out of range. */
  private static float fullParse(byte[] text, int first, int last) {
    if (first == last || !plainNumber(text, first, last)) {
      return Float.NaN;
    }
    try {
      float value = JavaFloatParser.parseFloat(text, first, last - first);
      return Float.isInfinite(value) ? Float.NaN : value;
    } catch (NumberFormatException e) {
      return Float.NaN;
    }
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
