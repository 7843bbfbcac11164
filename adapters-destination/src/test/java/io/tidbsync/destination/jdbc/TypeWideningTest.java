package io.tidbsync.destination.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.tidbsync.destination.jdbc.TypeWidening.Fit;
import io.tidbsync.domain.model.LogicalType;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypeWideningTest {
  private static final LogicalType INT = new LogicalType.IntType();
  private static final LogicalType BIGINT = new LogicalType.LongType();
  private static final LogicalType TEXT = new LogicalType.StringType();

  @Test
  void aColumnAsWideAsTheSourceOrWiderIsKept() {
    assertThat(TypeWidening.fit("BIGINT", "BIGINT", Optional.of(BIGINT), BIGINT)).isEqualTo(Fit.KEEP);
    // The source narrowed (BIGINT to INT): the wider column stays, every new value fits it.
    assertThat(TypeWidening.fit("BIGINT", "INTEGER", Optional.of(BIGINT), INT)).isEqualTo(Fit.KEEP);
    // A type the destination cannot read back is kept when it is named exactly as wanted.
    assertThat(TypeWidening.fit("vector(3)", "vector(3)", Optional.empty(), TEXT)).isEqualTo(Fit.KEEP);
  }

  @Test
  void aNarrowerColumnIsWidenedAndAnUnrelatedOneRefused() {
    assertThat(TypeWidening.fit("INTEGER", "BIGINT", Optional.of(INT), BIGINT)).isEqualTo(Fit.WIDEN);
    assertThat(TypeWidening.fit("VARCHAR", "BIGINT", Optional.of(TEXT), BIGINT)).isEqualTo(Fit.REFUSE);
    assertThat(TypeWidening.fit("mystery", "BIGINT", Optional.empty(), BIGINT)).isEqualTo(Fit.REFUSE);
  }

  /** Decimals: kept when the column holds the source's digits on both sides of the point, else widened or refused. */
  @Test
  void decimalsAreKeptWidenedOrRefusedByTheirDigits() {
    qt().forAll(integers().between(1, 38), integers().between(0, 38), integers().between(1, 38), integers().between(0, 38))
        .checkAssert((p1, k1, p2, k2) -> {
          int s1 = k1 % (p1 + 1);
          int s2 = k2 % (p2 + 1);
          LogicalType column = new LogicalType.DecimalType(p1, s1);
          LogicalType source = new LogicalType.DecimalType(p2, s2);
          Fit fit = TypeWidening.fit("DECIMAL(" + p1 + "," + s1 + ")", "DECIMAL(" + p2 + "," + s2 + ")",
              Optional.of(column), source);
          boolean holds = s1 >= s2 && p1 - s1 >= p2 - s2;
          boolean heldBy = s2 >= s1 && p2 - s2 >= p1 - s1;
          assertThat(fit).isEqualTo(holds ? Fit.KEEP : heldBy ? Fit.WIDEN : Fit.REFUSE);
        });
  }
}
