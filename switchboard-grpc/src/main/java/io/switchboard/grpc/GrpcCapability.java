package io.switchboard.grpc;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.switchboard.grpc.ops.GrpcMetrics;
import io.switchboard.grpc.service.SwitchboardService;
import io.switchboard.grpc.transcode.Credentials;
import io.switchboard.grpc.transcode.HttpTwin;
import io.switchboard.server.Capability;
import io.switchboard.server.CapabilityContext;
import io.switchboard.server.config.GrpcConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server API over gRPC as a node capability (issue 11 point 4; docs/grpc.md): a grpc-java Netty
 * server on {@code grpc.host}:{@code grpc.port} ({@link GrpcConfig}) serving {@code
 * switchboard.v1.Switchboard}, each call transcoded to its HTTP twin on the node's own port ({@link
 * HttpTwin}), so its answers, authentication and validation are the HTTP API's. It mounts no HTTP
 * route.
 */
public final class GrpcCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcCapability.class);

  /**
   * Loopback connections to the node's HTTP port: as many calls as this run at once (a {@code Send}
   * holds one until the controller answers); more wait for a free one.
   */
  static final int LOOPBACK_CONNECTIONS = 512;

  private volatile Server server;
  private WebClient client;
  private Vertx vertx;

  /**
   * Binds the gRPC port; the HTTP port is read at each call, since the node listens after its
   * capabilities started.
   *
   * @return completes when the gRPC server listens; failed if its port cannot be bound
   */
  @Override
  public Future<Void> start(CapabilityContext node) {
    GrpcConfig c = node.config().grpc();
    vertx = node.vertx();
    client =
        WebClient.create(
            vertx,
            new WebClientOptions().setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(LOOPBACK_CONNECTIONS));
    HttpTwin twin =
        new HttpTwin(client, HttpTwin.loopback(node.config().server().host()), node.httpPort());
    return vertx.executeBlocking(
        () -> {
          server =
              NettyServerBuilder.forAddress(new InetSocketAddress(c.host(), c.port()))
                  .maxInboundMessageSize(c.maxMessageBytes())
                  .addService(
                      ServerInterceptors.intercept(
                          new SwitchboardService(twin),
                          Credentials.interceptor(),
                          new GrpcMetrics(node.metrics().registry())))
                  .build()
                  .start();
          LOG.info("node {} serving gRPC on {}:{}", node.node(), c.host(), server.getPort());
          return null;
        });
  }

  /**
   * The bound gRPC port: {@code grpc.port}, or the free one picked for 0; -1 before {@link #start}.
   */
  public int port() {
    Server s = server;
    return s == null ? -1 : s.getPort();
  }

  /**
   * Stops taking calls, lets running ones finish for up to 5 s, then cancels the rest and closes
   * the HTTP client.
   */
  @Override
  public Future<Void> stop() {
    Server s = server;
    if (s == null) {
      return Future.succeededFuture();
    }
    return vertx
        .<Void>executeBlocking(
            () -> {
              s.shutdown();
              if (!s.awaitTermination(5, TimeUnit.SECONDS)) {
                s.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
              }
              return null;
            })
        .otherwiseEmpty()
        .onComplete(v -> client.close());
  }
}
