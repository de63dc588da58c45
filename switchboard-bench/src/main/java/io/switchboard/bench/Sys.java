package io.switchboard.bench;

/** The system under test. */
enum Sys {
  SWITCHBOARD("switchboard"),
  SOCKETIO("socketio");

  final String label;

  Sys(String label) {
    this.label = label;
  }

  static Sys parse(String s) {
    return switch (s.trim().toLowerCase()) {
      case "switchboard", "sb" -> SWITCHBOARD;
      case "socketio", "socket.io", "sio" -> SOCKETIO;
      default -> throw new IllegalArgumentException("unknown system: " + s);
    };
  }
}
