package io.switchboard.bench;

/**
 * The system under test. {@link #PROBE} is the kernel-limit probe ({@link Probe}, issue 13 point
 * 1): it speaks the generator's subset of switchboard.v1, so {@link #v1()} decides the client
 * dialect, not the identity.
 */
enum Sys {
  SWITCHBOARD("switchboard"),
  SOCKETIO("socketio"),
  PROBE("probe");

  final String label;

  Sys(String label) {
    this.label = label;
  }

  /** True when the system speaks switchboard.v1 (Switchboard and the probe). */
  boolean v1() {
    return this != SOCKETIO;
  }

  static Sys parse(String s) {
    return switch (s.trim().toLowerCase()) {
      case "switchboard", "sb" -> SWITCHBOARD;
      case "socketio", "socket.io", "sio" -> SOCKETIO;
      case "probe", "limit" -> PROBE;
      default -> throw new IllegalArgumentException("unknown system: " + s);
    };
  }
}
