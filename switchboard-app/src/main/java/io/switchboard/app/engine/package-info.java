/**
 * The wiring of engine ports (SPEC "Engines"): {@code engine.type} picks memory or Redis for the
 * shared-state ports together, {@code engine.broker} memory or RabbitMQ for the broker.
 */
package io.switchboard.app.engine;
