package io.tidbsync.domain.failure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessagesTest {
  @Test
  void classNamesBeforeAMessageAreRemovedAndTheWordsKept() {
    assertThat(Messages.withoutClassNames("java.sql.SQLException: Access denied for user 'x'"))
        .isEqualTo("Access denied for user 'x'");
    assertThat(Messages.withoutClassNames("cannot read state: java.io.UncheckedIOException: "
        + "java.nio.file.AccessDeniedException: /s/state.json")).isEqualTo("cannot read state: /s/state.json");
    assertThat(Messages.withoutClassNames("IllegalArgumentException: bad cursor")).isEqualTo("bad cursor");
    assertThat(Messages.withoutClassNames("Communications link failure (com.mysql.cj.exceptions.CJException: x)"))
        .isEqualTo("Communications link failure (x)");
  }

  @Test
  void wordsThatOnlyLookLikeClassNamesAndBareNamesAreKept() {
    assertThat(Messages.withoutClassNames("ERROR: relation \"t\" does not exist")).isEqualTo("ERROR: relation \"t\" does not exist");
    assertThat(Messages.withoutClassNames("unexpected error: java.lang.NullPointerException"))
        .isEqualTo("unexpected error: java.lang.NullPointerException");
    assertThat(Messages.withoutClassNames("OutOfMemoryError: Java heap space")).isEqualTo("OutOfMemoryError: Java heap space");
    assertThat(Messages.withoutClassNames("")).isEmpty();
    assertThat(Messages.withoutClassNames(null)).isNull();
  }
}
