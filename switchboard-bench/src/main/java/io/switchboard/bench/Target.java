package io.switchboard.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where and how to connect to one system under test. */
final class Target {
  final Sys sys;
  final String host;
  final int port;
  final String path;
  final Long pid;
  final Jwt jwt;
  /** http://host:port, for /metrics or /health. */
  final String httpBase;

  Target(Sys sys, String url, Long pid, String secret) {
    this.sys = sys;
    URI u = URI.create(url);
    this.host = u.getHost();
    this.port = u.getPort() > 0 ? u.getPort() : 80;
    String p = u.getRawPath();
    if (p == null || p.isEmpty()) p = sys == Sys.SWITCHBOARD ? "/ws" : "/socket.io/";
    this.path = p;
    this.pid = pid;
    this.jwt = sys == Sys.SWITCHBOARD && secret != null && !secret.isEmpty() ? new Jwt(secret) : null;
    this.httpBase = "http://" + host + ":" + port;
  }

  String uriFor(String user) {
    if (sys == Sys.SWITCHBOARD) {
      return jwt == null ? path : path + "?token=" + URLEncoder.encode(jwt.mint(user, 3600), StandardCharsets.US_ASCII);
    }
    return path + "?EIO=4&transport=websocket&user=" + user;
  }

  @Override
  public String toString() {
    return sys.label + " ws://" + host + ":" + port + path + (pid != null ? " pid=" + pid : "");
  }
}
