package io.tidbsync.app.fivetran;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.tidbsync.app.config.Configuration;
import io.tidbsync.domain.port.SourcePort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.LoggerFactory;

/** The gRPC server {@code serve} runs: every interface (IPv4 and IPv6), messages up to 128 MiB. */
public final class FivetranServer {
  public static final int DEFAULT_PORT = 50051;
  static final int MAX_MESSAGE_BYTES = 128 << 20;

  private FivetranServer() {}

  public static Server start(int port, Function<Configuration, SourcePort> sources, Map<String, String> env)
      throws IOException {
    // The wildcard address: a dual-stack socket takes IPv6 and IPv4 connections alike.
    return start(new InetSocketAddress(port), sources, env);
  }

  /** As above, listening on the given address only. */
  public static Server start(InetSocketAddress address, Function<Configuration, SourcePort> sources,
      Map<String, String> env) throws IOException {
    return NettyServerBuilder.forAddress(address)
        .maxInboundMessageSize(MAX_MESSAGE_BYTES)
        .addService(new ConnectorService(sources, env))
        .build()
        .start();
  }

  /** Sends every log line to standard output in the partner SDK's JSON form (and nothing else there). */
  public static void logAsFivetranJson() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    FivetranLogLayout layout = new FivetranLogLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
    stdout.setContext(context);
    stdout.setName("FIVETRAN");
    stdout.setTarget("System.out");
    stdout.setEncoder(encoder);
    stdout.start();
    root.addAppender(stdout);
  }
}
