package io.tidbsync.domain.testing;

import static org.quicktheories.QuickTheory.qt;

import java.util.List;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * The project's property-based tests run on QuickTheories: generators combined from small ones,
 * a failure shrunk to a small example and reported with its seed. To replay a failing case, run the
 * test again with {@code -Dtidbsync.seed=<the seed QuickTheories printed>}.
 */
public final class Properties {
  private Properties() {}

  /** A theory trying {@code examples} generated cases (a fixed seed when {@code tidbsync.seed} is set). */
  public static QuickTheory theory(int examples) {
    QuickTheory theory = qt().withExamples(examples).withShrinkCycles(10_000);
    Long seed = Long.getLong("tidbsync.seed");
    return seed == null ? theory : theory.withFixedSeed(seed);
  }

  /** Strings of up to {@code max} characters taken from {@code alphabet}. */
  public static Gen<String> text(String alphabet, int max) {
    List<Character> chars = alphabet.chars().mapToObj(c -> (char) c).toList();
    return SourceDSL.lists().of(Generate.pick(chars)).ofSizeBetween(0, max).map(list -> {
      StringBuilder out = new StringBuilder(list.size());
      list.forEach(out::append);
      return out.toString();
    });
  }
}
