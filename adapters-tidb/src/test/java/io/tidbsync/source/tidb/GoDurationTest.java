package io.tidbsync.source.tidb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void readsWhatTidbPrintsAndRefusesTheRest() {
    assertThat(GoDuration.parse("10m0s")).contains(Duration.ofMinutes(10));
    assertThat(GoDuration.parse("24h0m0s")).contains(Duration.ofHours(24));
    assertThat(GoDuration.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("1.5s")).contains(Duration.ofMillis(1500));
    assertThat(GoDuration.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(GoDuration.parse("ten minutes")).isEmpty();
    assertThat(GoDuration.parse("10m garbage")).isEmpty();
    assertThat(GoDuration.parse("")).isEmpty();
  }
}
