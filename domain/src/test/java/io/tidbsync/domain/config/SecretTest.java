package io.tidbsync.domain.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTest {
  @Test
  void everyUrlFormOfAPasswordIsMasked() {
    assertThat(Secret.maskInUrl("jdbc:postgresql://h:5432/db?user=u&password=pw1&ssl=true"))
        .isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=***&ssl=true");
    assertThat(Secret.maskInUrl("jdbc:mysql://h/db?user=u;PASSWORD=pw2;x=1")).isEqualTo("jdbc:mysql://h/db?user=u;PASSWORD=***;x=1");
    assertThat(Secret.maskInUrl("jdbc:mysql://user:pw3@h:3306/db")).isEqualTo("jdbc:mysql://user:***@h:3306/db");
    assertThat(Secret.maskInUrl("jdbc:mysql://h:3306/db")).isEqualTo("jdbc:mysql://h:3306/db");
  }

  @Test
  void aDriverMessageQuotingTheUrlOrThePasswordIsScrubbed() {
    String url = "jdbc:mysql://user:S3cr3t-a@h:3306/db?password=S3cr3t-b";
    String message = "Cannot connect to jdbc:mysql://user:S3cr3t-a@h:3306/db?password=S3cr3t-b; "
        + "auth with S3cr3t-b and S3cr3t-c failed";
    assertThat(Secret.scrub(message, url, new Secret("S3cr3t-c"))).doesNotContain("S3cr3t").contains("h:3306/db");
  }

  @Test
  void theSecretsToStringNeverShowsTheValue() {
    assertThat(new Secret("hunter22").toString()).doesNotContain("hunter22");
  }
}
