package io.tidbsync.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UntrustedValuesTest {
  @Test
  void hostsAreNamesOrAddressesOnly() {
    for (String good : new String[] {"localhost", "db.example.com", "gateway01.us-west-2.prod.aws.tidbcloud.com",
        "127.0.0.1", "::1", "[::1]", "fe80::1%eth0", "tidb_server", "db.example.com."}) {
      assertThat(HostNames.isHostOrAddress(good)).as(good).isTrue();
    }
    for (String bad : new String[] {"", "h:4000", "h/db", "h?allowLoadLocalInfile=true", "h&x=1", "a b", "h\n",
        "user@h", "h#", "(host=h)", "-h", "h..com", "x".repeat(254)}) {
      assertThat(HostNames.isHostOrAddress(bad)).as(bad).isFalse();
    }
  }

  @Test
  void driverUrlsMayNotSetPropertiesThatLoadClassesOrTouchFiles() {
    assertThat(DriverUrls.problem("K", "jdbc:postgresql://h:5432/db?sslmode=require&ApplicationName=x")).isEmpty();
    assertThat(DriverUrls.problem("K", "jdbc:mysql://h:3306/db?sslMode=VERIFY_CA&connectTimeout=5")).isEmpty();
    assertThat(DriverUrls.problem("K", "jdbc:duckdb:/data/state.duckdb")).isEmpty();
    for (String bad : new String[] {
        "jdbc:mysql://h/db?allowLoadLocalInfile=true", "jdbc:mysql://h/db?AllowLoadLocalInfile=true",
        "jdbc:mysql://h/db?allowLoadLocalInfile%3Dtrue", "jdbc:mysql://(host=h,autoDeserialize=true)/db",
        "jdbc:mysql://address=(host=h)(queryInterceptors=a.B)/db", "jdbc:mysql://h/db?x=1&propertiesTransform=a.B",
        "jdbc:postgresql://h/db?socketFactory=a.B", "jdbc:postgresql://h/db?SSLFACTORY=a.B",
        "jdbc:postgresql://h/db?loggerFile=/etc/cron.d/x", "jdbc:postgresql://h/db?sslhostnameverifier=a.B",
        "jdbc:postgresql://h/db?sslpasswordcallback=a.B", "jdbc:postgresql://h/db?authenticationPluginClassName=a.B"}) {
      assertThat(DriverUrls.problem("K", bad)).as(bad).get().asString().startsWith("K sets the driver property");
    }
    assertThat(DriverUrls.problem("K", "jdbc:postgresql://h/db?x=%zz")).get().asString().contains("malformed");
  }
}
