package io.tidbsync.app.fivetran;

import fivetran_sdk.v2.UpdateResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.tidbsync.destination.fivetran.FivetranStream;
import io.tidbsync.domain.failure.DestinationException;
import io.tidbsync.domain.failure.DestinationUnavailableException;
import io.tidbsync.domain.failure.Transience;

/**
 * The Update response stream with backpressure: {@code send} waits while the client has not read
 * what was sent (gRPC's {@code isReady}), so a slow Fivetran slows the reader instead of filling
 * memory. One message at a time, in order. A cancelled call stops the sync as a destination that
 * is gone ({@link DestinationUnavailableException}: no table is started after it), and nothing
 * more is sent.
 */
final class BlockingStream implements FivetranStream {
  private final ServerCallStreamObserver<UpdateResponse> out;
  private final Object signal = new Object();
  private volatile boolean cancelled;

  BlockingStream(ServerCallStreamObserver<UpdateResponse> out) {
    this.out = out;
    out.setOnReadyHandler(this::wake);
    out.setOnCancelHandler(() -> {
      cancelled = true;
      wake();
    });
  }

  private void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }

  @Override
  public synchronized void send(UpdateResponse message) {
    synchronized (signal) {
      while (!out.isReady() && !cancelled) {
        try {
          signal.wait(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DestinationException("interrupted while Fivetran was not reading", Transience.PERMANENT, e);
        }
      }
    }
    if (cancelled) {
      throw new DestinationUnavailableException("Fivetran cancelled the Update call", null);
    }
    out.onNext(message);
  }

  boolean cancelled() {
    return cancelled;
  }

  synchronized void complete() {
    if (!cancelled) {
      out.onCompleted();
    }
  }
}
