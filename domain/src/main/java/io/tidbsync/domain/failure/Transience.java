package io.tidbsync.domain.failure;

/** Whether trying the same operation again may succeed. Set by the adapter that saw the error. */
public enum Transience {
  TRANSIENT,
  PERMANENT
}
