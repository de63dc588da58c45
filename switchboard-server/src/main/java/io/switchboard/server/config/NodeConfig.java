package io.switchboard.server.config;

/**
 * This node's identity.
 *
 * @param id the node id shown in {@code welcome} and presence and prefixing every connection id
 *     ({@code <id>.<sequence>}); unique per node of a cluster; empty means a random id at start
 *     ({@code node-} and 8 hex digits from {@code switchboard serve})
 */
public record NodeConfig(String id) {
  /** An empty id: a random one at start. */
  public static final NodeConfig DEFAULT = new NodeConfig("");

  /** {@code null} becomes {@code ""}. */
  public NodeConfig {
    id = id == null ? "" : id;
  }
}
