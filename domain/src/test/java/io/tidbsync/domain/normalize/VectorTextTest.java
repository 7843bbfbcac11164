package io.tidbsync.domain.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

  @Property
  void formatThenParseGivesTheSameFloats(@ForAll("finiteVectors") float[] vector) {
    assertThat(VectorText.parse(VectorText.format(vector), OptionalInt.of(vector.length)))
        .containsExactly(vector);
  }

  @Property
  void anyTextEitherParsesOrFailsWithIllegalArgument(@ForAll("vectorishText") String text) {
    try {
      float[] parsed = VectorText.parse(text, OptionalInt.empty());
      for (float value : parsed) {
        assertThat(Float.isFinite(value)).isTrue();
      }
    } catch (IllegalArgumentException expected) {
      assertThat(expected.getMessage()).contains("vector");
    }
  }

  @Provide
  Arbitrary<float[]> finiteVectors() {
    return Arbitraries.floats()
        .filter(Float::isFinite)
        .array(float[].class)
        .ofMinSize(1)
        .ofMaxSize(64);
  }

  @Provide
  Arbitrary<String> vectorishText() {
    return Arbitraries.strings().withChars("[]0123456789.,-+eE xNa").ofMaxLength(30);
  }
}
