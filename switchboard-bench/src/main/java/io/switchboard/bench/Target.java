package io.switchboard.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where and how to connect to one system under test: one node, or the nodes of a cluster (the URLs
 * in order; PID i, if given, belongs to node i). The kernel-limit probe ({@link Sys#PROBE}, issue
 * 13) is reached like Switchboard (switchboard.v1 on {@code /ws}) but without a token, and its heap
 * is read from {@code GET /health} like the Socket.IO peer's.
 */
final class Target {
  /** One node of the system: its WebSocket endpoint and HTTP base (for /metrics, /health, /gc). */
  record Node(int index, String host, int port, String path, String httpBase, Long pid) {
    @Override
    public String toString() {
      return "ws://" + host + ":" + port + path + (pid != null ? " pid=" + pid : "");
    }
  }

  final Sys sys;
  final List<Node> nodes;
  final Jwt jwt;

  Target(Sys sys, String url, Long pid, String secret) {
    this(sys, List.of(url), pid == null ? List.of() : List.of(pid), secret);
  }

  Target(Sys sys, List<String> urls, List<Long> pids, String secret) {
    this.sys = sys;
    if (urls == null || urls.isEmpty())
      throw new IllegalArgumentException("no URL for " + sys.label);
    List<Node> ns = new ArrayList<>();
    for (int i = 0; i < urls.size(); i++) {
      URI u = URI.create(urls.get(i).trim());
      String host = u.getHost();
      int port = u.getPort() > 0 ? u.getPort() : 80;
      String p = u.getRawPath();
      if (p == null || p.isEmpty()) p = sys.v1() ? "/ws" : "/socket.io/";
      Long pid = pids != null && i < pids.size() ? pids.get(i) : null;
      ns.add(new Node(i, host, port, p, "http://" + host + ":" + port, pid));
    }
    this.nodes = List.copyOf(ns);
    this.jwt =
        sys == Sys.SWITCHBOARD && secret != null && !secret.isEmpty() ? new Jwt(secret) : null;
  }

  int size() {
    return nodes.size();
  }

  Node node(int i) {
    return nodes.get(Math.floorMod(i, nodes.size()));
  }

  /** The known server PIDs (nodes without a PID are left out). */
  List<Long> pids() {
    return nodes.stream()
        .map(Node::pid)
        .filter(p -> p != null && p > 0)
        .collect(Collectors.toList());
  }

  /** True when every node has a PID. */
  boolean allPids() {
    return nodes.stream().allMatch(n -> n.pid() != null && n.pid() > 0);
  }

  String uriFor(Node node, String user) {
    if (sys.v1()) {
      return jwt == null
          ? node.path()
          : node.path()
              + "?token="
              + URLEncoder.encode(jwt.mint(user, 3600), StandardCharsets.US_ASCII);
    }
    return node.path() + "?EIO=4&transport=websocket&user=" + user;
  }

  // ---- whole-system observations (summed over the nodes)

  /** Σ VmRSS of all nodes, or -1 if any node's PID is unknown or unreadable. */
  long rssBytes() {
    if (!allPids()) return -1;
    long sum = 0;
    for (Node n : nodes) {
      long v = ProcStats.rssBytes(n.pid());
      if (v < 0) return -1;
      sum += v;
    }
    return sum;
  }

  /** Σ VmHWM (peak RSS) of all nodes, or -1 if any node's PID is unknown or unreadable. */
  long rssPeakBytes() {
    if (!allPids()) return -1;
    long sum = 0;
    for (Node n : nodes) {
      long v = ProcStats.rssPeakBytes(n.pid());
      if (v < 0) return -1;
      sum += v;
    }
    return sum;
  }

  /** Σ stime (kernel time) of all nodes in ns, or -1 if any node's PID is unknown or unreadable. */
  long kernelCpuNanos() {
    if (!allPids()) return -1;
    long sum = 0;
    for (Node n : nodes) {
      long[] v = ProcStats.cpuSplitNanos(n.pid());
      if (v == null) return -1;
      sum += v[1];
    }
    return sum;
  }

  /** Σ utime+stime of all nodes in ns, or -1 if any node's PID is unknown or unreadable. */
  long cpuNanos() {
    if (!allPids()) return -1;
    long sum = 0;
    for (Node n : nodes) {
      long v = ProcStats.cpuNanos(n.pid());
      if (v < 0) return -1;
      sum += v;
    }
    return sum;
  }

  /** Σ heap used of all nodes, or -1 if any node does not answer. */
  long heapUsed() {
    long sum = 0;
    for (Node n : nodes) {
      long v = ProcStats.heapUsed(n.httpBase(), sys == Sys.SWITCHBOARD);
      if (v < 0) return -1;
      sum += v;
    }
    return sum;
  }

  /** Forces a GC on every node; true if it worked on all of them. */
  boolean forceGc() {
    boolean ok = true;
    for (Node n : nodes) ok &= ProcStats.forceGc(sys, n.pid(), n.httpBase());
    return ok;
  }

  /** True unless a node with a known PID has exited. */
  boolean alive() {
    for (Node n : nodes) {
      if (n.pid() != null && !ProcStats.alive(n.pid())) return false;
    }
    return true;
  }

  @Override
  public String toString() {
    if (nodes.size() == 1) return sys.label + " " + nodes.get(0);
    return sys.label
        + " cluster of "
        + nodes.size()
        + ": "
        + nodes.stream().map(Node::toString).collect(Collectors.joining(", "));
  }
}
