package io.tidbsync.source.tidb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.failure.SourceRecovery;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One row per error code TiDB documents that a read or the state store can meet. */
class TidbErrorsTest {
  @ParameterizedTest(name = "{0} {1} -> {3}")
  @CsvSource(delimiter = '|', textBlock = """
      8175 | HY000 | Your query has been cancelled due to exceeding the allowed memory limit for a single SQL query | SHRINK_PAGE
      8001 | HY000 | Out Of Memory Quota!                                                                        | SHRINK_PAGE
      9006 | HY000 | GC life time is shorter than transaction duration, transaction starts at 2026-12-01          | NEW_SNAPSHOT
      8055 | HY000 | snapshot is older than GC safe point 2026-12-01 07:24:25 +0000 UTC                          | NEW_SNAPSHOT
      1105 | HY000 | [tikv:9006]GC life time is shorter than transaction duration                                | NEW_SNAPSHOT
      8022 | HY000 | Error: KV error safe to retry                                                               | RETRY
      8027 | HY000 | Information schema is out of date: schema failed to update in 1 lease                       | RETRY
      8028 | HY000 | Information schema is changed during the execution of the statement                         | RETRY
      9001 | HY000 | PD server timeout                                                                           | RETRY
      9002 | HY000 | TiKV server timeout                                                                         | RETRY
      9003 | HY000 | TiKV server is busy                                                                         | RETRY
      9004 | HY000 | Resolve lock timeout                                                                        | RETRY
      9005 | HY000 | Region is unavailable                                                                       | RETRY
      9007 | HY000 | Write conflict, txnStartTS=1, conflictStartTS=2                                             | RETRY
      8005 | HY000 | Write Conflict, txnStartTS is stale                                                         | RETRY
      1213 | 40001 | Deadlock found when trying to get lock; try restarting transaction                          | RETRY
      1205 | HY000 | Lock wait timeout exceeded; try restarting transaction                                      | RETRY
      1105 | HY000 | region 42 is unavailable                                                                    | RETRY
      1105 | HY000 | can not get 'tikv_gc_safe_point'                                                            | FAIL_TABLE
      8004 | HY000 | Transaction is too large, size: 104857600                                                   | FAIL_TABLE
      8025 | HY000 | entry too large, the max entry size is 6291456, the size of data is 7340082                 | FAIL_TABLE
      1146 | 42S02 | Table 'shop.orders' doesn't exist                                                           | FAIL_TABLE
      1054 | 42S22 | Unknown column 'created_at' in 'field list'                                                 | FAIL_TABLE
      1142 | 42000 | SELECT command denied to user 'u'@'%' for table 'orders'                                    | FAIL_TABLE
      0    | 08S01 | Communications link failure                                                                 | RETRY
      2013 | HY000 | Lost connection to MySQL server during query                                                | RETRY
      """)
  void eachDocumentedCodeHasOneRecovery(int code, String state, String message, SourceRecovery expected) {
    assertThat(TidbErrors.forRead(new SQLException(message, state, code))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"9007, true", "8028, true", "1213, true", "8004, false", "8025, false", "1062, false"})
  void stateWritesAreRunAgainOnlyAfterPassingConflicts(int code, boolean retryable) {
    assertThat(TidbErrors.retryableWrite(new SQLException("x", "HY000", code))).isEqualTo(retryable);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"8004, txn-total-size-limit", "8025, txn-entry-size-limit", "8175, tidb_mem_quota_query"})
  void limitsAPersonSetAreNamed(int code, String setting) {
    assertThat(TidbErrors.advice(new SQLException("x", "HY000", code))).contains(setting);
  }
}
