/**
 * Generic signed webhooks: the delivery of a signal to an endpoint ({@link
 * io.switchboard.hooks.webhook.WebhookTarget}) and the server API that registers endpoints and
 * shows their state and dead letters ({@link io.switchboard.hooks.webhook.WebhookRoutes}).
 */
package io.switchboard.hooks.webhook;
