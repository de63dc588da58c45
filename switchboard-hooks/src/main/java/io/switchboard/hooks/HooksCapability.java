package io.switchboard.hooks;

import io.switchboard.core.store.Store;
import io.switchboard.hooks.delivery.DeadLetters;
import io.switchboard.hooks.delivery.Deliveries;
import io.switchboard.hooks.delivery.EndpointStates;
import io.switchboard.hooks.delivery.HooksMetrics;
import io.switchboard.hooks.endpoint.Endpoint;
import io.switchboard.hooks.endpoint.Endpoints;
import io.switchboard.hooks.telegram.BotApi;
import io.switchboard.hooks.telegram.BotCommands;
import io.switchboard.hooks.telegram.NodeReports;
import io.switchboard.hooks.telegram.TelegramRoutes;
import io.switchboard.hooks.telegram.TelegramStatusRoute;
import io.switchboard.hooks.telegram.TelegramTarget;
import io.switchboard.hooks.webhook.WebhookRoutes;
import io.switchboard.hooks.webhook.WebhookTarget;
import io.switchboard.server.Capability;
import io.switchboard.server.CapabilityContext;
import io.switchboard.server.config.HooksConfig;
import io.switchboard.server.config.TelegramConfig;
import io.switchboard.server.signal.Signal;
import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhooks and Telegram as a node capability (SPEC C5; issue 11 point 3): the composition root of
 * this module, wired from {@code hooks.*} ({@link HooksConfig}) and {@code telegram.*} ({@link
 * TelegramConfig}). It subscribes to the node's signals and hands each to the endpoints that want
 * its type and, when Telegram is enabled and {@code telegram.events} match, to the chat ({@link
 * Deliveries}); it mounts {@code /api/v1/server/webhooks…} ({@link WebhookRoutes}) and, with
 * Telegram, {@code POST /api/v1/telegram/webhook} ({@link TelegramRoutes}) and {@code GET
 * /api/v1/server/telegram} ({@link TelegramStatusRoute}). With no endpoint registered and Telegram
 * off it sends nothing. Endpoints, state and dead letters live in the node's store, so nodes on one
 * store share them.
 */
public final class HooksCapability implements Capability {
  private static final Logger LOG = LoggerFactory.getLogger(HooksCapability.class);

  /** How long a node reuses the endpoint list it read for delivery, milliseconds. */
  static final long ENDPOINT_CACHE_MS = 1000;

  private Deliveries deliveries;
  private WebClient client;
  private Runnable unsubscribe = () -> {};
  private long reportTimer = -1;
  private CapabilityContext node;
  private NodeReports reports;

  /**
   * Mounts the routes and subscribes.
   *
   * @return completes when mounted; failed while the store is unreachable (the node report)
   */
  @Override
  public Future<Void> start(CapabilityContext node) {
    this.node = node;
    HooksConfig c = node.config().hooks();
    TelegramConfig tg = node.config().telegram();
    Store store = node.ports().store();
    client =
        WebClient.create(
            node.vertx(),
            new WebClientOptions()
                .setFollowRedirects(false)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, c.timeout().toMillis()))
                .setUserAgent("Switchboard-Webhooks/1"));
    Endpoints endpoints = new Endpoints(store, ENDPOINT_CACHE_MS);
    EndpointStates states = new EndpointStates(node.vertx(), store, node.node());
    DeadLetters dead = new DeadLetters(store);
    deliveries =
        new Deliveries(
            node.vertx(),
            c,
            dead,
            states,
            new HooksMetrics(node.metrics().registry()),
            node.node());
    new WebhookRoutes(
            endpoints,
            states,
            dead,
            (e, s) -> deliveries.submit(new WebhookTarget(e, client, c.timeout(), endpoints), s))
        .mount(node.router());
    TelegramTarget telegram = null;
    Future<Void> ready = Future.succeededFuture();
    if (tg.enabled()) {
      BotApi api = new BotApi(client, tg.apiBaseUrl(), tg.botToken(), c.timeout());
      telegram = new TelegramTarget(api, tg.chatId());
      reports =
          new NodeReports(
              store, node.node(), node.gateway()::connectionCount, node.metrics().registry());
      Set<Long> allowed =
          tg.allowedUserIds().stream()
              .map(String::trim)
              .map(Long::valueOf)
              .collect(Collectors.toSet());
      new TelegramRoutes(
              tg.secretToken(),
              allowed,
              new BotCommands(reports),
              api,
              node.config().server().maxBodyBytes())
          .mount(node.router());
      TelegramStatusRoute.mount(node.router(), tg, states, dead);
      reportTimer =
          node.vertx()
              .setPeriodic(
                  NodeReports.PERIOD_MS,
                  t ->
                      reports
                          .report()
                          .onFailure(e -> LOG.warn("node report not written: {}", e.toString())));
      ready = reports.report();
      LOG.info("telegram on: {} allowed user(s), events {}", allowed.size(), tg.events());
    }
    TelegramTarget chat = telegram;
    unsubscribe = node.signals().subscribe(s -> route(s, endpoints, chat, c, tg));
    return ready;
  }

  /** Hands a signal to every target that wants it. */
  private void route(
      Signal s, Endpoints endpoints, TelegramTarget chat, HooksConfig c, TelegramConfig tg) {
    if (chat != null && Endpoint.matches(tg.events(), s.type())) {
      deliveries.submit(chat, s);
    }
    endpoints
        .all(true)
        .onSuccess(
            list -> {
              for (Endpoint e : list) {
                if (e.wants(s.type())) {
                  deliveries.submit(new WebhookTarget(e, client, c.timeout(), endpoints), s);
                }
              }
            })
        .onFailure(
            e ->
                LOG.warn(
                    "{} {} not delivered to webhooks: endpoints unreadable: {}",
                    s.type(),
                    s.id(),
                    e.toString()));
  }

  /**
   * Unsubscribes, turns the deliveries waiting for a retry into dead letters and takes this node's
   * report out of the store.
   */
  @Override
  public Future<Void> stop() {
    unsubscribe.run();
    Future<Void> stopped = deliveries == null ? Future.succeededFuture() : deliveries.stop();
    if (node != null && reportTimer >= 0) {
      node.vertx().cancelTimer(reportTimer);
    }
    if (client != null) {
      client.close();
    }
    return stopped.compose(
        v -> reports == null ? Future.succeededFuture() : reports.remove().otherwiseEmpty());
  }
}
