package io.tidbsync.domain.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.SourceDSL;
import org.junit.jupiter.api.Test;

class VectorTextTest {
  @Test
  void parsesPlainSpacedExponentAndEmptyForms() {
    assertThat(VectorText.parse("[0.1,0.2]", OptionalInt.of(2))).containsExactly(0.1f, 0.2f);
    assertThat(VectorText.parse("  [ 1 , -2.5e-3 ,3E2 ]  ", OptionalInt.empty()))
        .containsExactly(1f, -2.5e-3f, 300f);
    assertThat(VectorText.parse("[]", OptionalInt.empty())).isEmpty();
  }

  @Test
  void rejectsWrongDimensionWithBothNumbers() {
    assertThatThrownBy(() -> VectorText.parse("[1,2,3]", OptionalInt.of(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("3 dimensions, the column has 2");
  }

  @Test
  void rejectsNanInfinityAndGarbageNamingThePosition() {
    for (String bad : new String[] {"[NaN]", "[Infinity]", "[1e39]", "[1,,2]", "[1,2", "1,2]", "[1 2]", "[1]x", "", "[0x10]"}) {
      assertThatThrownBy(() -> VectorText.parse(bad, OptionalInt.empty()))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("vector");
    }
  }

  @Test
  void longValuesAreExcerptedNotCopiedIntoMessages() {
    String longBad = "[" + "1,".repeat(500) + "oops]";
    assertThatThrownBy(() -> VectorText.parse(longBad, OptionalInt.empty()))
        .hasMessageContaining("(1006 chars)")
        .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
  }

  @Test
  void formatThenParseGivesTheSameFloats() {
    io.tidbsync.domain.testing.Properties.theory(1000).forAll(finiteVectors()).checkAssert(VectorTextTest::roundTrip);
  }

  private static void roundTrip(float[] vector) {
    assertThat(VectorText.parse(VectorText.format(vector), OptionalInt.of(vector.length)))
        .containsExactly(vector);
  }

  @Test
  void anyTextEitherParsesOrFailsWithIllegalArgument() {
    io.tidbsync.domain.testing.Properties.theory(1000)
        .forAll(io.tidbsync.domain.testing.Properties.text("[]0123456789.,-+eE xNa", 30))
        .checkAssert(VectorTextTest::parsesOrFails);
  }

  private static void parsesOrFails(String text) {
    try {
      float[] parsed = VectorText.parse(text, OptionalInt.empty());
      for (float value : parsed) {
        assertThat(Float.isFinite(value)).isTrue();
      }
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).contains("vector");
    }
  }

  /** 1 to 64 floats of any finite bit pattern (every exponent, both zeros, subnormals). */
  static Gen<float[]> finiteVectors() {
    // NaN and infinities (an all-ones exponent) lose one exponent bit and become finite floats.
    Gen<Float> finite = SourceDSL.integers().all().map(bits -> {
      float f = Float.intBitsToFloat(bits);
      return Float.isFinite(f) ? f : Float.intBitsToFloat(bits & ~0x40000000);
    });
    return SourceDSL.lists().of(finite).ofSizeBetween(1, 64).map(list -> {
      float[] out = new float[list.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = list.get(i);
      }
      return out;
    });
  }
}
