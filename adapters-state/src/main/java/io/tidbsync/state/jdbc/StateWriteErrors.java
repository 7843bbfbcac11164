package io.tidbsync.state.jdbc;

/**
 * How the state table's database errors are told apart: which failed saves may simply run again
 * (a write conflict, a schema change at commit), and what a person can change when a limit was hit.
 * The state store does not know TiDB's codes; the application hands it the source adapter's
 * classification, so TiDB's errors are sorted in one place.
 */
public interface StateWriteErrors {
  /** Only what the driver itself declares transient (lost connections, timeouts). */
  StateWriteErrors DRIVER_DECLARED = new StateWriteErrors() {
    @Override
    public boolean retryable(int vendorCode, String sqlState, String message) {
      return false;
    }

    @Override
    public String advice(int vendorCode) {
      return "";
    }
  };

  /** Whether a save that failed with this error (its vendor code, SQLState, message) may be run again. */
  boolean retryable(int vendorCode, String sqlState, String message);

  /** A hint naming the setting behind the error, starting with a space, or empty. */
  String advice(int vendorCode);
}
