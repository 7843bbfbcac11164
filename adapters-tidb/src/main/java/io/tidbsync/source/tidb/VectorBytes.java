package io.tidbsync.source.tidb;

import ch.randelshofer.fastdoubleparser.JavaFloatParser;

/**
 * The fast path for vector columns: TiDB's text form {@code [1,2.5,-3e-2]} parsed straight from
 * the driver's bytes into floats with FastDoubleParser (exactly rounded, no String per element).
 * Only well-formed text is taken here: anything unusual (spaces, an empty element, a character
 * outside a plain decimal number, a value outside float range) returns {@code null}, and the
 * caller hands the text to the domain's strict parser, which names the problem.
 */
final class VectorBytes {
  private VectorBytes() {}

  static float[] parse(byte[] text) {
    int end = text.length;
    if (end < 2 || text[0] != '[' || text[end - 1] != ']') {
      return null;
    }
    if (end == 2) {
      return new float[0];
    }
    int count = 1;
    for (int i = 1; i < end - 1; i++) {
      if (text[i] == ',') {
        count++;
      }
    }
    float[] values = new float[count];
    int start = 1;
    int index = 0;
    for (int i = 1; i < end; i++) {
      byte b = text[i];
      if (b == ',' || i == end - 1) {
        if (i == start) {
          return null;
        }
        float value;
        try {
          value = JavaFloatParser.parseFloat(text, start, i - start);
        } catch (NumberFormatException e) {
          return null;
        }
        if (Float.isInfinite(value)) {
          return null;
        }
        values[index++] = value;
        start = i + 1;
      } else if (!((b >= '0' && b <= '9') || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E')) {
        return null;
      }
    }
    return values;
  }
}
