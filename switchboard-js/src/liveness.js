/**
 * Detects a dead server. The server pings every `heartbeat` seconds (the `welcome` frame gives
 * the interval, docs/protocol.md "ping"); browsers answer those pings without telling the page,
 * so the client counts every received frame (and, with the Node `ws` package, every WebSocket
 * ping) as a sign of life, sends an application `ping` after one silent interval, and declares
 * the server dead after two and a half silent intervals (the server itself closes a client
 * silent for two intervals with 4002, so an idle live connection always has traffic).
 */
export class Liveness {
  #ping;
  #dead;
  #interval = 0;
  #timer = null;
  #lastSeen = 0;
  #pinged = false;

  /**
   * @param {() => void} ping sends an application ping
   * @param {() => void} dead called once when the server stayed silent too long
   */
  constructor(ping, dead) {
    this.#ping = ping;
    this.#dead = dead;
  }

  /** @param {number} intervalMs the server's heartbeat in ms (> 0) */
  start(intervalMs) {
    this.stop();
    this.#interval = intervalMs;
    this.touch();
    this.#timer = setInterval(() => this.#check(), Math.max(50, intervalMs / 2));
    this.#timer.unref?.();
  }

  /** Records that the server just sent something. */
  touch() {
    this.#lastSeen = Date.now();
    this.#pinged = false;
  }

  /** Stops watching (the socket closed). */
  stop() {
    clearInterval(this.#timer);
    this.#timer = null;
  }

  #check() {
    const silent = Date.now() - this.#lastSeen;
    if (silent >= 2.5 * this.#interval) {
      this.stop();
      this.#dead();
    } else if (silent >= this.#interval && !this.#pinged) {
      this.#pinged = true;
      this.#ping();
    }
  }
}
