package io.switchboard.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.registry.Registry;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link Registry} (see its Javadoc): live members only, expiry per member, a put
 * refreshes, removal, independent keys.
 */
public abstract class RegistryContract extends PortContract {
  /**
   * A fresh, ready registry for one test, asked for before each test on the test thread; may block
   * until connected. Register what closes it with {@link #closeAfterTest}.
   *
   * @return the port under test
   */
  protected abstract Registry newRegistry();

  private static final Duration LONG = Duration.ofMinutes(5);

  private Registry registry;
  private String key;

  @BeforeEach
  void pickKey() {
    registry = newRegistry();
    key = unique("registry:test:");
  }

  @Test
  void listsWhatWasPutUntilRemoved() {
    assertThat(await(registry.members(key))).isEmpty();
    await(registry.put(key, "node-a", LONG));
    await(registry.put(key, "node-b", LONG));
    await(registry.put(key, "node-a", LONG));
    assertThat(await(registry.members(key))).containsExactlyInAnyOrder("node-a", "node-b");
    await(registry.remove(key, "node-a"));
    await(registry.remove(key, "node-absent"));
    assertThat(await(registry.members(key))).containsExactly("node-b");
    await(registry.remove(key, "node-b"));
    assertThat(await(registry.members(key))).isEmpty();
  }

  @Test
  void aMemberExpiresAfterItsTtlAlone() {
    await(registry.put(key, "short", Duration.ofMillis(300)));
    await(registry.put(key, "long", LONG));
    assertThat(await(registry.members(key))).contains("short", "long");
    Awaitility.await()
        .atMost(PATIENCE)
        .until(() -> !await(registry.members(key)).contains("short"));
    assertThat(await(registry.members(key))).containsExactly("long");
  }

  @Test
  void aPutRefreshesTheExpiry() {
    await(registry.put(key, "m", Duration.ofMillis(300)));
    await(registry.put(key, "m", LONG));
    Awaitility.await()
        .pollDelay(Duration.ofMillis(600))
        .atMost(PATIENCE)
        .until(() -> await(registry.members(key)).contains("m"));
  }

  @Test
  void keysAreIndependent() {
    String other = unique("registry:test:");
    await(registry.put(key, "m", LONG));
    assertThat(await(registry.members(other))).isEmpty();
    await(registry.remove(other, "m"));
    assertThat(await(registry.members(key))).containsExactly("m");
  }

  @Test
  void refusesANonPositiveTtl() {
    assertThatThrownBy(() -> await(registry.put(key, "m", Duration.ZERO)))
        .hasRootCauseInstanceOf(IllegalArgumentException.class);
    assertThat(await(registry.members(key))).isEmpty();
  }
}
