package io.tidbsync.app.fivetran;

import fivetran_sdk.v2.UpdateResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.tidbsync.destination.fivetran.FivetranStream;
import io.tidbsync.domain.failure.DestinationException;
import io.tidbsync.domain.failure.Transience;

/**
 * The Update response stream with backpressure: {@code send} waits while the client has not read
 * what was sent (gRPC's {@code isReady}), so a slow Fivetran slows the reader instead of filling
 * memory. One message at a time, in order. A cancelled call ends the sync with an error.
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
      throw new DestinationException("Fivetran cancelled the Update call", Transience.PERMANENT);
    }
    out.onNext(message);
  }

  synchronized void complete() {
    if (!cancelled) {
      out.onCompleted();
    }
  }
}
