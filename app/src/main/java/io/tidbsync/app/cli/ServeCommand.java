package io.tidbsync.app.cli;

import io.grpc.Server;
import io.tidbsync.app.fivetran.FivetranServer;
import io.tidbsync.domain.port.SourcePort;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run as a Fivetran source connector: a gRPC server speaking the partner SDK protocol (v2).",
        "Fivetran sends the configuration with each call; logs go to standard output as JSON lines."})
final class ServeCommand implements Callable<Integer> {
  @Option(names = "--port", defaultValue = "50051", paramLabel = "N",
      description = "Port to listen on, on every interface (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws IOException, InterruptedException {
    FivetranServer.logAsFivetranJson();
    Logger log = LoggerFactory.getLogger("tidb-sync");
    Server server = FivetranServer.start(port,
        configuration -> Runtime.injector(configuration).getInstance(SourcePort.class), System.getenv());
    java.lang.Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "tidb-sync-serve-stop"));
    log.info("tidb-sync connector listening on port {}", server.getPort());
    server.awaitTermination();
    return ExitCode.OK;
  }
}
