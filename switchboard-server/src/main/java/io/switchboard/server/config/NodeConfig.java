package io.switchboard.server.config;

/**
 * This node's identity.
 *
 * @param id the node id shown in {@code welcome} and presence; empty means a random id at start
 */
public record NodeConfig(String id) {
  public static final NodeConfig DEFAULT = new NodeConfig("");

  public NodeConfig {
    id = id == null ? "" : id;
  }
}
