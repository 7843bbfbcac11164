package io.tidbsync.app.cli;

import io.grpc.Server;
import io.tidbsync.app.config.ConfigurationException;
import io.tidbsync.app.config.HostNames;
import io.tidbsync.app.fivetran.FivetranServer;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.port.SourcePort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
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
      description = "Port to listen on (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--host", paramLabel = "ADDRESS",
      description = {"Address to listen on, such as 127.0.0.1 or ::1 for this machine only.",
          "Default: every interface, IPv4 and IPv6, as Fivetran's partner SDK expects. The server has no",
          "authentication of its own: expose it only to Fivetran (a private network, a firewall)."})
  String host;

  @Override
  public Integer call() throws IOException, InterruptedException {
    FivetranServer.logAsFivetranJson();
    Logger log = LoggerFactory.getLogger("tidb-sync");
    if (port < 1 || port > 65535) {
      throw new ConfigurationException(List.of("--port must be from 1 to 65535, found " + port));
    }
    InetSocketAddress address;
    if (host == null) {
      address = new InetSocketAddress(port);
    } else {
      if (!HostNames.isHostOrAddress(host)) {
        throw new ConfigurationException(List.of("--host must be a host name or an IP address, found \""
            + TableId.printable(host) + "\""));
      }
      address = new InetSocketAddress(host.replaceAll("^\\[(.*)]$", "$1"), port);
      if (address.isUnresolved()) {
        throw new ConfigurationException(List.of("--host " + host + " does not resolve to an address"));
      }
    }
    Server server;
    try {
      server = FivetranServer.start(address,
          configuration -> Runtime.injector(configuration).getInstance(SourcePort.class), System.getenv());
    } catch (IOException e) {
      // Most often the port is taken: say so in one line, not as an "unexpected error" with a stack trace.
      throw new CannotListenException("cannot listen on " + (host == null ? "port " : host + " port ") + port
          + ": " + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage())
          + " (is another process using it? choose another with --port)", e);
    }
    java.lang.Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "tidb-sync-serve-stop"));
    log.info("tidb-sync connector listening on port {} ({})", server.getPort(),
        host == null ? "every interface" : address.getAddress().getHostAddress());
    server.awaitTermination();
    return ExitCode.OK;
  }
}
