package io.switchboard.grpc.testing;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.switchboard.core.Ports;
import io.switchboard.grpc.GrpcCapability;
import io.switchboard.grpc.transcode.StatusMapping;
import io.switchboard.grpc.v1.SwitchboardGrpc;
import io.switchboard.server.Capability;
import io.switchboard.server.config.GrpcConfig;
import io.switchboard.server.config.SwitchboardConfig;
import io.switchboard.server.testing.TestNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A real node with the gRPC capability on a free port, a real grpc-java client channel to it and a
 * real HTTP client for the twins.
 */
public final class GrpcNode implements AutoCloseable {
  public final TestNode node;
  public final GrpcCapability grpc;
  public final ManagedChannel channel;
  public final WebClient http;

  private GrpcNode(TestNode node, GrpcCapability grpc) {
    this.node = node;
    this.grpc = grpc;
    this.channel = NettyChannelBuilder.forAddress("127.0.0.1", grpc.port()).usePlaintext().build();
    this.http = WebClient.create(node.vertx);
  }

  /**
   * A node on {@code ports} with {@code others} started before the gRPC capability, and the
   * configuration changed by {@code change}.
   */
  public static GrpcNode start(
      Ports ports, UnaryOperator<SwitchboardConfig> change, List<Capability> others) {
    GrpcCapability grpc = new GrpcCapability();
    List<Capability> all = new ArrayList<>(others);
    all.add(grpc);
    TestNode node =
        TestNode.start(
            ports,
            c -> change.apply(c.withGrpc(GrpcConfig.DEFAULT.enabledOn("127.0.0.1", 0))),
            all);
    return new GrpcNode(node, grpc);
  }

  /** A blocking stub sending {@code x-api-key: <the node's key>}. */
  public SwitchboardGrpc.SwitchboardBlockingStub withKey() {
    return withHeader("x-api-key", TestNode.API_KEY);
  }

  /** A blocking stub without any credentials. */
  public SwitchboardGrpc.SwitchboardBlockingStub anonymous() {
    return SwitchboardGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  /** A blocking stub sending one metadata entry. */
  public SwitchboardGrpc.SwitchboardBlockingStub withHeader(String name, String value) {
    Metadata m = new Metadata();
    m.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
    return anonymous().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m));
  }

  /** An HTTP call with the API key ({@code body} null: none). */
  public HttpResponse<Buffer> api(HttpMethod method, String path, JsonObject body) {
    return call(method, path, body, "X-API-Key", TestNode.API_KEY);
  }

  /** An HTTP call with one header ({@code header} null: none). */
  public HttpResponse<Buffer> call(
      HttpMethod method, String path, JsonObject body, String header, String value) {
    HttpRequest<Buffer> r = http.request(method, node.port(), "127.0.0.1", path);
    if (header != null) {
      r.putHeader(header, value);
    }
    return TestNode.await(body == null ? r.send() : r.sendBuffer(body.toBuffer()));
  }

  /** The HTTP twin's error code in a failed call's trailers. */
  public static String errorCode(StatusRuntimeException e) {
    return e.getTrailers() == null ? null : e.getTrailers().get(StatusMapping.ERROR_CODE);
  }

  /** The HTTP status in a failed call's trailers. */
  public static String httpStatus(StatusRuntimeException e) {
    return e.getTrailers() == null ? null : e.getTrailers().get(StatusMapping.HTTP_STATUS);
  }

  /** The error body's {@code {code, message}} of a failed HTTP answer. */
  public static JsonObject error(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonObject("error");
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    http.close();
    node.close();
  }
}
