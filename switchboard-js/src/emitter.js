/**
 * A minimal event emitter that works the same in browsers and Node (no dependency on
 * `node:events`). Listeners run synchronously in registration order; a listener that throws
 * does not stop the others (the error is reported on `queueMicrotask` so it is not swallowed).
 */
export class Emitter {
  #listeners = new Map();

  /**
   * Adds a listener.
   * @param {string} name event name
   * @param {(...args: any[]) => void} fn listener
   * @returns {() => void} a function that removes the listener
   */
  on(name, fn) {
    let set = this.#listeners.get(name);
    if (!set) {
      set = new Set();
      this.#listeners.set(name, set);
    }
    set.add(fn);
    return () => this.off(name, fn);
  }

  /**
   * Adds a listener called at most once.
   * @param {string} name event name
   * @param {(...args: any[]) => void} fn listener
   * @returns {() => void} a function that removes the listener
   */
  once(name, fn) {
    const off = this.on(name, (...args) => {
      off();
      fn(...args);
    });
    return off;
  }

  /**
   * Removes a listener (or every listener of `name` when `fn` is omitted).
   * @param {string} name event name
   * @param {(...args: any[]) => void} [fn] listener
   */
  off(name, fn) {
    if (fn === undefined) this.#listeners.delete(name);
    else this.#listeners.get(name)?.delete(fn);
  }

  /**
   * Calls the listeners of `name` with `args`.
   * @param {string} name event name
   * @param {...any} args arguments
   * @returns {boolean} whether any listener was called
   */
  emit(name, ...args) {
    const set = this.#listeners.get(name);
    if (!set || set.size === 0) return false;
    for (const fn of [...set]) {
      try {
        fn(...args);
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
    }
    return true;
  }
}
