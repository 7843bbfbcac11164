package io.tidbsync.domain.model;

/**
 * What a destination did with a batch of upserted rows: how many it inserted as new keys, how
 * many existing rows it changed (a deleted row revived counts as changed), and how many it wrote
 * without being able to tell which (an append-only file, or a destination that keeps no copy to
 * compare with). Rows of the batch in none of these were already there, identical.
 */
public record Written(long inserted, long updated, long newOrUpdated) {
  public static final Written NONE = new Written(0, 0, 0);

  public Written {
    if (inserted < 0 || updated < 0 || newOrUpdated < 0) {
      throw new IllegalArgumentException("negative count: " + inserted + "/" + updated + "/" + newOrUpdated);
    }
  }

  /** Every row inserted: a batch of keys the destination did not have. */
  public static Written inserted(long rows) {
    return new Written(rows, 0, 0);
  }

  /** Rows written that the destination cannot sort into new and updated. */
  public static Written unsorted(long rows) {
    return new Written(0, 0, rows);
  }

  /** Rows new or different: what the destination actually changed. */
  public long changed() {
    return inserted + updated + newOrUpdated;
  }

  public Written plus(Written other) {
    return new Written(inserted + other.inserted, updated + other.updated, newOrUpdated + other.newOrUpdated);
  }
}
