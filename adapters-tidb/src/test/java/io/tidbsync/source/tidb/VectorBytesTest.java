package io.tidbsync.source.tidb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.normalize.VectorText;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

class VectorBytesTest {
  /** Property tests run on QuickTheories; a failure prints its seed (replay with {@code withFixedSeed}). */
  private static QuickTheory theory() {
    return QuickTheory.qt().withExamples(500);
  }

  /** Every float, written as TiDB or Java writes it, comes back bit for bit as the strict parser reads it. */
  @Test
  void wellFormedTextParsesExactlyAsTheStrictParserDoes() {
    theory().forAll(vectors()).checkAssert(VectorBytesTest::parsesExactly);
  }

  private static void parsesExactly(float[] vector) {
    String text = VectorText.format(vector);
    float[] fast = VectorBytes.parse(text.getBytes(StandardCharsets.US_ASCII));
    assertThat(fast).isEqualTo(VectorText.parse(text, OptionalInt.empty())).isEqualTo(vector);
  }

  /** Decimal text with many digits (rounding cases) agrees with the JDK's correctly rounded parse. */
  @Test
  void longDecimalsRoundLikeTheJdk() {
    theory().forAll(decimals()).checkAssert(VectorBytesTest::roundsLikeTheJdk);
  }

  private static void roundsLikeTheJdk(String element) {
    float[] fast = VectorBytes.parse(("[" + element + "]").getBytes(StandardCharsets.US_ASCII));
    float expected = Float.parseFloat(element);
    if (Float.isInfinite(expected)) {
      assertThat(fast).as("out of float range: left to the strict parser").isNull();
    } else {
      assertThat(fast).containsExactly(expected);
    }
  }

  /** Decimals in the one-operation fast path's range (up to 18 digits, 10^±22) round like the JDK. */
  @Test
  void shortDecimalsRoundLikeTheJdk() {
    theory().forAll(shortDecimals()).checkAssert(VectorBytesTest::roundsLikeTheJdk);
  }

  /**
   * Decimals of 7 to 17 digits next to a point halfway between two floats, where taking the
   * nearest double first could round the float the wrong way, round like the JDK.
   */
  @Test
  void decimalsNearAFloatMidpointRoundLikeTheJdk() {
    theory().forAll(nearMidpoints()).checkAssert(VectorBytesTest::roundsLikeTheJdk);
  }

  @Test
  void aDoubleHalfwayBetweenTwoFloatsIsSeenAsSuch() {
    assertThat(VectorBytes.floatMidpoint(1.0 + 0x1p-24)).isTrue();
    assertThat(VectorBytes.floatMidpoint(-3.0 - 0x1p-23)).isTrue();
    assertThat(VectorBytes.floatMidpoint(1.0)).isFalse();
    assertThat(VectorBytes.floatMidpoint(1.0 + 0x1p-23)).isFalse();
    assertThat(VectorBytes.floatMidpoint(1.0 + 0x1p-24 + 0x1p-52)).isFalse();
  }

  /** Sign, 1 to 18 digits with the point anywhere, and no exponent or one from -24 to 24. */
  static Gen<String> shortDecimals() {
    Gen<String> digits = SourceDSL.lists().of(Generate.range(0, 9)).ofSizeBetween(1, 18).map(list -> {
      StringBuilder out = new StringBuilder();
      list.forEach(out::append);
      return out.toString();
    });
    return digits.zip(Generate.range(0, 18), Generate.range(-25, 24), Generate.range(0, 2), (d, at, exp, sign) -> {
      int point = Math.min(at, d.length());
      String number = point == d.length() ? d : d.substring(0, point) + "." + d.substring(point);
      if (number.startsWith(".")) {
        number = "0" + number;
      }
      return (sign == 0 ? "" : sign == 1 ? "-" : "+") + number + (exp == -25 ? "" : "e" + exp);
    });
  }

  /** A float's upper midpoint, rounded to 7 to 17 significant digits, written plain or in E form. */
  static Gen<String> nearMidpoints() {
    Gen<Float> floats = SourceDSL.floats().between(1e-20f, 1e30f);
    return floats.zip(Generate.range(7, 17), Generate.range(0, 1), (f, digits, style) -> {
      java.math.BigDecimal midpoint = new java.math.BigDecimal((double) f + Math.ulp(f) / 2.0);
      java.math.BigDecimal near = midpoint.round(new java.math.MathContext(digits));
      return style == 0 ? near.toString() : near.toPlainString();
    });
  }

  /** Any finite bit pattern, or a six-decimal float in [-1, 1] (the bench's kind of embedding). */
  static Gen<float[]> vectors() {
    // NaN and infinities (an all-ones exponent) lose one exponent bit and become finite floats.
    Gen<Float> any = SourceDSL.integers().all().map(bits -> {
      float f = Float.intBitsToFloat(bits);
      return Float.isFinite(f) ? f : Float.intBitsToFloat(bits & ~0x40000000);
    });
    Gen<Float> small = Generate.range(-1_000_000, 1_000_000).map(n -> n / 1_000_000f);
    return SourceDSL.lists().of(Generate.oneOf(any, small)).ofSizeBetween(1, 40).map(list -> {
      float[] out = new float[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = list.get(i);
      }
      return out;
    });
  }

  /** Decimal text of 1 to 25 digits, the point anywhere in them, an exponent from -45 to 38. */
  static Gen<String> decimals() {
    Gen<String> digits = SourceDSL.lists().of(Generate.range(0, 9)).ofSizeBetween(1, 25).map(list -> {
      StringBuilder out = new StringBuilder();
      list.forEach(out::append);
      return out.toString();
    });
    return digits.zip(Generate.range(0, 25), Generate.range(-45, 38), (d, at, exp) -> {
      int point = Math.min(at, d.length());
      return (point == 0 ? "0" : d.substring(0, point)) + "." + (point == d.length() ? "0" : d.substring(point))
          + "e" + exp;
    });
  }

  @Test
  void anythingUnusualIsLeftToTheStrictParser() {
    for (String text : new String[] {"[1,,2]", "[1,]", "[1, ]", "[ , 1]", "[NaN]", "[Infinity]", "[1e39]",
        "[0x1p3]", "[1f]", "1,2", "[1,2", "[]x", "[1 2]", "[1,\u00a02]"}) {
      assertThat(VectorBytes.parse(text.getBytes(StandardCharsets.US_ASCII))).as(text).isNull();
    }
    assertThat(VectorBytes.parse("[]".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(VectorBytes.parse("[-0.5,3e-2,+1]".getBytes(StandardCharsets.US_ASCII)))
        .containsExactly(-0.5f, 0.03f, 1f);
    assertThat(VectorBytes.parse(" [ ] ".getBytes(StandardCharsets.US_ASCII))).isEmpty();
  }

  /** JSON text as Python's json.dumps writes it ("[0.1, 0.2]"), spaces anywhere around elements. */
  @Test
  void spacedTextParsesExactlyAsTheStrictParserDoes() {
    theory().forAll(vectors(), Generate.range(0, 3)).checkAssert((vector, style) -> {
      String sep = switch (style) { case 0 -> ", "; case 1 -> " ,"; case 2 -> " , "; default -> ",\n  "; };
      StringBuilder text = new StringBuilder(style == 3 ? " [ " : "[");
      for (int i = 0; i < vector.length; i++) {
        text.append(i == 0 ? "" : sep).append(vector[i]);
      }
      text.append(style == 3 ? "\t]\n" : "]");
      float[] fast = VectorBytes.parse(text.toString().getBytes(StandardCharsets.US_ASCII));
      assertThat(fast).as(text.toString())
          .isEqualTo(VectorText.parse(text.toString(), OptionalInt.empty())).isEqualTo(vector);
    });
  }

  /** The size the parse starts from changes nothing: fewer, as many or more floats than expected. */
  @Test
  void anyExpectedCountGivesTheSameFloats() {
    theory().forAll(vectors(), Generate.range(0, 90)).checkAssert((vector, expected) -> {
      byte[] text = VectorText.format(vector).getBytes(StandardCharsets.US_ASCII);
      assertThat(VectorBytes.parse(text, expected)).as("expecting %d", expected).isEqualTo(vector);
    });
    assertThat(VectorBytes.parse("[]".getBytes(StandardCharsets.US_ASCII), 768)).isEmpty();
    assertThat(VectorBytes.parse("[1,]".getBytes(StandardCharsets.US_ASCII), 1)).isNull();
  }
}
