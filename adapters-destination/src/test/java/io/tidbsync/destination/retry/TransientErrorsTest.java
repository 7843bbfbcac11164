package io.tidbsync.destination.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransientErrorsTest {
  @ParameterizedTest(name = "{0} state={1} code={2} -> {3}")
  @CsvSource({
      "connection refused,       08001, 0,    true",
      "communication link,       08S01, 0,    true",
      "serialization failure,    40001, 0,    true",
      "postgres deadlock,        40P01, 0,    true",
      "postgres terminated,      57P01, 0,    true",
      "postgres unique key,      23505, 0,    false",
      "postgres bad text,        22P02, 0,    false",
      "mysql lock wait timeout,  HY000, 1205, true",
      "mysql deadlock,           40001, 1213, true",
      "duckdb conflict,          ,      0,    true",
      "syntax error,             42000, 1064, false",
      "duplicate key,            23000, 1062, false",
      "data too long,            22001, 1406, false",
  })
  void classifiesByStateCodeAndMessage(String what, String state, int code, boolean expected) {
    String message = what.equals("duckdb conflict") ? "TransactionContext Error: Conflict on tuple deletion" : what;
    assertThat(TransientErrors.isTransient(new SQLException(message, state, code))).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void driverDeclaredTransientAndRecoverableErrorsAreRetriedAndCausesAreWalked() {
    assertThat(TransientErrors.isTransient(new SQLTimeoutException("timeout"))).isTrue();
    assertThat(TransientErrors.isTransient(new SQLRecoverableException("gone"))).isTrue();
    assertThat(TransientErrors.isTransient(new RuntimeException(new SQLException("x", "08006")))).isTrue();
    assertThat(TransientErrors.isTransient(new RuntimeException("no sql"))).isFalse();
  }
}
