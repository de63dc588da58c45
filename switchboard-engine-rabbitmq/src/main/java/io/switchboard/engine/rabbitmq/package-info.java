/**
 * The RabbitMQ engine (SPEC "Engines", broker: durable topic exchanges, publisher confirms, manual
 * acks, DLX; issue 3 point 2): {@link io.switchboard.engine.rabbitmq.RabbitEngine#connect} builds
 * an engine whose broker is a {@link io.switchboard.engine.rabbitmq.RabbitBroker}, checked by the
 * {@code BrokerContract} suite against a real RabbitMQ.
 */
package io.switchboard.engine.rabbitmq;
