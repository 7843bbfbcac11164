package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Progress of a first sync read as primary-key ranges in parallel: the cursor column and the
 * commit watermark ({@code upTo}, cursor text) taken when it started, and each range's progress.
 * When every range is done, the table's position becomes the greatest cursor value up to
 * {@code upTo}. Key values are {@code CursorCodec} text.
 */
public record FirstSyncRanges(String cursorColumn, String upTo, List<KeyRange> ranges) {
  public FirstSyncRanges {
    requireNonNull(cursorColumn, "cursorColumn is null");
    requireNonNull(upTo, "upTo is null");
    ranges = List.copyOf(requireNonNull(ranges, "ranges is null"));
    if (ranges.isEmpty()) {
      throw new IllegalArgumentException("a split first sync needs at least one range");
    }
  }

  /**
   * Keys strictly after {@code after} (empty: from the first key) up to {@code until} inclusive
   * (empty: to the last key). {@code after} moves forward as the range's batches become durable.
   */
  public record KeyRange(List<String> after, List<String> until, boolean done) {
    public KeyRange {
      after = List.copyOf(requireNonNull(after, "after is null"));
      until = List.copyOf(requireNonNull(until, "until is null"));
    }

    public KeyRange advancedTo(List<String> key) {
      return new KeyRange(key, until, done);
    }

    public KeyRange finished() {
      return new KeyRange(after, until, true);
    }
  }

  public FirstSyncRanges withRange(int index, KeyRange range) {
    List<KeyRange> copy = new java.util.ArrayList<>(ranges);
    copy.set(index, range);
    return new FirstSyncRanges(cursorColumn, upTo, copy);
  }

  public boolean done() {
    return ranges.stream().allMatch(KeyRange::done);
  }
}
