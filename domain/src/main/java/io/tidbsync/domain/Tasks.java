package io.tidbsync.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs independent tasks (tables, key ranges of a table) at most {@code threads} at a time on
 * named threads. Every task is waited for before anything is thrown, so none still writes
 * afterwards; then the first task's failure is rethrown (an {@link Error} at once).
 */
final class Tasks {
  private Tasks() {}

  static void runAll(String threadPrefix, int threads, List<Runnable> tasks) {
    if (tasks.isEmpty()) {
      return;
    }
    AtomicInteger count = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()),
        runnable -> Thread.ofPlatform().name(threadPrefix + "-" + count.incrementAndGet()).unstarted(runnable));
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Runnable task : tasks) {
        futures.add(pool.submit(task));
      }
      RuntimeException first = null;
      for (Future<?> future : futures) {
        RuntimeException failure = await(future);
        first = first == null ? failure : first;
      }
      if (first != null) {
        throw first;
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits for one task; returns what it threw (an {@link Error} is rethrown at once). */
  private static RuntimeException await(Future<?> future) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          future.get();
          return null;
        } catch (InterruptedException e) {
          // A task's writes must finish or fail on their own; the interrupt is restored after.
          interrupted = true;
        } catch (ExecutionException e) {
          return switch (e.getCause()) {
            case RuntimeException r -> r;
            case Error r -> throw r;
            default -> new IllegalStateException(e.getCause());
          };
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
