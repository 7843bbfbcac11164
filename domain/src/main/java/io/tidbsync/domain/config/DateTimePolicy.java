package io.tidbsync.domain.config;

/** What happens to naive DATETIME values, which carry no zone. */
public enum DateTimePolicy {
  /** The seed's behaviour: the wall-clock value is taken as UTC and synced as an instant. */
  ASSUME_UTC,
  /** Synced as a naive date-time (Fivetran NAIVE_DATETIME, DuckDB TIMESTAMP). */
  KEEP_NAIVE
}
