package io.switchboard.core.registry;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * Engine port: a registry of live members under a key, each with its own expiry (SPEC "Engines",
 * registries; SPEC C4: which nodes hold a controller of a project). A member that is not refreshed
 * within its TTL disappears by itself, so a node that dies leaves the registry within one TTL.
 *
 * <p>Contract, checked by {@code RegistryContract}: {@link #members} returns exactly the members
 * put under the key whose TTL has not passed and that were not removed; putting a member again
 * replaces its expiry; keys are independent.
 */
public interface Registry {

  /**
   * Adds {@code member} under {@code key}, or refreshes it, until {@code ttl} from now.
   *
   * @param key any text, e.g. {@code tunnel:<project>}
   * @param member any text, e.g. a node id
   * @param ttl positive (otherwise the future fails with {@link IllegalArgumentException})
   * @return completes when stored; failed if the engine is unreachable
   */
  Future<Void> put(String key, String member, Duration ttl);

  /**
   * Removes {@code member} from {@code key}; removing an absent member is a no-op.
   *
   * @return completes when removed; failed if the engine is unreachable
   */
  Future<Void> remove(String key, String member);

  /**
   * The live members of {@code key}, in no particular order.
   *
   * @return the members (empty for an unknown key); failed if the engine is unreachable
   */
  Future<List<String>> members(String key);
}
