package io.tidbsync.app.fivetran;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fivetran_sdk.v2.Checkpoint;
import fivetran_sdk.v2.UpdateResponse;
import io.grpc.stub.ServerCallStreamObserver;
import io.tidbsync.domain.failure.DestinationException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Update stream waits for the client: nothing is sent while gRPC says it is not ready. */
class BlockingStreamTest {
  /** A call whose readiness the test controls, as gRPC's flow control would. */
  static final class Call extends ServerCallStreamObserver<UpdateResponse> {
    volatile boolean ready;
    volatile Runnable onReady = () -> {};
    volatile Runnable onCancel = () -> {};
    final List<UpdateResponse> sent = new CopyOnWriteArrayList<>();
    volatile boolean completed;

    void becomeReady() {
      ready = true;
      onReady.run();
    }

    @Override
    public boolean isReady() {
      return ready;
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {
      onReady = handler;
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {
      onCancel = handler;
    }

    @Override
    public void setCompression(String compression) {}

    @Override
    public void disableAutoInboundFlowControl() {}

    @Override
    public void request(int count) {}

    @Override
    public void setMessageCompression(boolean enable) {}

    @Override
    public void onNext(UpdateResponse value) {
      sent.add(value);
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {
      completed = true;
    }
  }

  static final UpdateResponse MESSAGE = UpdateResponse.newBuilder()
      .setCheckpoint(Checkpoint.newBuilder().setStateJson("{}")).build();

  @Test
  void sendWaitsWhileTheClientIsNotReadyAndGoesOnWhenItIs() throws Exception {
    Call call = new Call();
    BlockingStream stream = new BlockingStream(call);
    CountDownLatch done = new CountDownLatch(1);
    Thread writer = new Thread(() -> {
      stream.send(MESSAGE);
      done.countDown();
    });
    writer.start();
    assertThat(done.await(500, TimeUnit.MILLISECONDS)).as("sent while not ready").isFalse();
    assertThat(call.sent).isEmpty();
    call.becomeReady();
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(call.sent).containsExactly(MESSAGE);
  }

  @Test
  void aCancelledCallEndsAWaitingSendWithAnError() throws Exception {
    Call call = new Call();
    BlockingStream stream = new BlockingStream(call);
    Thread canceller = new Thread(() -> {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      }
      call.onCancel.run();
    });
    canceller.start();
    // "Unavailable": the sync starts no further table once the call is gone.
    assertThatThrownBy(() -> stream.send(MESSAGE))
        .isInstanceOf(io.tidbsync.domain.failure.DestinationUnavailableException.class)
        .hasMessageContaining("cancelled");
    assertThat(stream.cancelled()).isTrue();
    assertThat(call.sent).isEmpty();
    stream.complete();
    assertThat(call.completed).as("a cancelled call is not completed").isFalse();
  }
}
