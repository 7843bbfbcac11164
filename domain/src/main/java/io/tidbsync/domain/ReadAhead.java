package io.tidbsync.domain;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The bounded hand-off between a table's reader and its writer: the reader runs on its own thread
 * and stays at most {@code capacity} items ahead, so reading the next rows overlaps writing the
 * previous ones while memory stays bounded. A reader failure reaches the writer as the same
 * exception; closing early (the writer failed) stops the reader at its next item and waits for it.
 *
 * @param <T> what is handed over
 */
final class ReadAhead<T> implements AutoCloseable {
  /** What the reader thread runs; it hands items to {@code emit} in order. */
  @FunctionalInterface
  interface Producer<T> {
    void run(Consumer<T> emit);
  }

  private static final Object END = new Object();

  private record Failure(Throwable error) {}

  /** Thrown inside the reader when the writer has gone; never reaches the writer. */
  static final class Cancelled extends RuntimeException {
    Cancelled() {
      super("read-ahead cancelled", null, false, false);
    }
  }

  private final BlockingQueue<Object> queue;
  private final Thread thread;
  private volatile boolean cancelled;
  private boolean ended;

  ReadAhead(String name, int capacity, Producer<T> producer) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(() -> {
      Object last;
      try {
        producer.run(this::put);
        last = END;
      } catch (Cancelled e) {
        return;
      } catch (Throwable e) {
        last = new Failure(e);
      }
      putLast(last);
    });
    thread.start();
  }

  boolean cancelled() {
    return cancelled;
  }

  private void put(Object item) {
    try {
      while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
        if (cancelled) {
          throw new Cancelled();
        }
      }
      if (cancelled) {
        throw new Cancelled();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancelled();
    }
  }

  private void putLast(Object item) {
    try {
      put(item);
    } catch (Cancelled e) {
      // nobody is waiting any more
    }
  }

  /**
   * The next item, waiting for the reader; {@code null} once it has finished.
   *
   * @throws RuntimeException the reader's own exception (an {@link Error} is rethrown as is)
   */
  @SuppressWarnings("unchecked")
  T next() {
    if (ended) {
      return null;
    }
    Object item;
    try {
      item = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for rows", e);
    }
    if (item == END) {
      ended = true;
      return null;
    }
    if (item instanceof Failure failure) {
      ended = true;
      switch (failure.error()) {
        case RuntimeException e -> throw e;
        case Error e -> throw e;
        case Throwable e -> throw new IllegalStateException(e);
      }
    }
    return (T) item;
  }

  /** Stops the reader if it is still going, and waits until it has let go of its resources. */
  @Override
  public void close() {
    cancelled = true;
    queue.clear();
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join(100);
      } catch (InterruptedException e) {
        interrupted = true;
      }
      queue.clear();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
