/**
 * The Redis engine (SPEC "Engines"; issue 3 point 1): {@link
 * io.switchboard.engine.redis.RedisEngine#connect} wires {@link
 * io.switchboard.engine.redis.RedisPubSub}, {@link io.switchboard.engine.redis.RedisRoomHistory},
 * {@link io.switchboard.engine.redis.RedisPresenceStore}, {@link
 * io.switchboard.engine.redis.RedisSnapshotStore} and {@link
 * io.switchboard.engine.redis.RedisLocks} on vertx-redis-client, following Centrifugo's Redis
 * engine (realtime-anchors §4). Key layout: {@code RedisKeys}; wire format: {@link
 * io.switchboard.engine.redis.BusMessageCodec}.
 */
package io.switchboard.engine.redis;
