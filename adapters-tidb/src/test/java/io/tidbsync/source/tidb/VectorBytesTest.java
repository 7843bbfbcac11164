package io.tidbsync.source.tidb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.normalize.VectorText;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class VectorBytesTest {
  /** Every float, written as TiDB or Java writes it, comes back bit for bit as the strict parser reads it. */
  @Property(tries = 500)
  void wellFormedTextParsesExactlyAsTheStrictParserDoes(@ForAll("vectors") float[] vector) {
    String text = VectorText.format(vector);
    float[] fast = VectorBytes.parse(text.getBytes(StandardCharsets.US_ASCII));
    assertThat(fast).isEqualTo(VectorText.parse(text, OptionalInt.empty())).isEqualTo(vector);
  }

  /** Decimal text with many digits (rounding cases) agrees with the JDK's correctly rounded parse. */
  @Property(tries = 500)
  void longDecimalsRoundLikeTheJdk(@ForAll("decimals") String element) {
    float[] fast = VectorBytes.parse(("[" + element + "]").getBytes(StandardCharsets.US_ASCII));
    float expected = Float.parseFloat(element);
    if (Float.isInfinite(expected)) {
      assertThat(fast).as("out of float range: left to the strict parser").isNull();
    } else {
      assertThat(fast).containsExactly(expected);
    }
  }

  @Provide
  Arbitrary<float[]> vectors() {
    Arbitrary<Float> any = Arbitraries.integers().map(Float::intBitsToFloat)
        .filter(f -> !Float.isNaN(f) && !Float.isInfinite(f));
    Arbitrary<Float> small = Arbitraries.floats().between(-1, 1).ofScale(6);
    return Arbitraries.oneOf(any, small).array(float[].class).ofMinSize(1).ofMaxSize(40);
  }

  @Provide
  Arbitrary<String> decimals() {
    return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25)
        .flatMap(digits -> Arbitraries.integers().between(0, digits.length()).flatMap(point ->
            Arbitraries.integers().between(-45, 38).map(exp -> (point == 0 ? "0" : digits.substring(0, point)) + "."
                + (point == digits.length() ? "0" : digits.substring(point)) + "e" + exp)))
        .map(s -> s);
  }

  @Test
  void anythingUnusualIsLeftToTheStrictParser() {
    for (String text : new String[] {"[1, 2]", "[1,,2]", "[1,]", "[NaN]", "[Infinity]", "[1e39]", "[0x1p3]",
        "[1f]", "1,2", "[1,2", "[1 ]", "[]x"}) {
      assertThat(VectorBytes.parse(text.getBytes(StandardCharsets.US_ASCII))).as(text).isNull();
    }
    assertThat(VectorBytes.parse("[]".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(VectorBytes.parse("[-0.5,3e-2,+1]".getBytes(StandardCharsets.US_ASCII)))
        .containsExactly(-0.5f, 0.03f, 1f);
  }
}
