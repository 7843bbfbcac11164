package io.tidbsync.domain.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for a name that matches none of the known ones: the closest, if close enough. */
public final class Suggestions {
  private Suggestions() {}

  /** The known name nearest to {@code name} (case-insensitive edit distance of at most a third of it). */
  public static Optional<String> closest(String name, Collection<String> known) {
    String wanted = name.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best != null && bestDistance <= Math.max(2, wanted.length() / 3) ? Optional.of(best) : Optional.empty();
  }

  /** {@code " (did you mean x?)"}, or empty when nothing is close. */
  public static String hint(String name, Collection<String> known) {
    return closest(name, known).map(s -> " (did you mean " + s + "?)").orElse("");
  }

  /** Levenshtein distance. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
