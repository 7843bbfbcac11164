package io.tidbsync.destination.fivetran;

import fivetran_sdk.v2.UpdateResponse;

/**
 * The Update call's response stream as the destination writes to it: messages go out in the order
 * sent, and {@code send} waits while the client is not ready for more (backpressure).
 */
@FunctionalInterface
public interface FivetranStream {
  void send(UpdateResponse message);
}
