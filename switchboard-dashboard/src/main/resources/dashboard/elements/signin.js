import { login, useKey } from '../api.js';

/**
 * `<sb-signin>`: email and password of an admin (POST /api/v1/auth/login), or a server API key.
 * Fires `signed-in` (bubbling) when the dashboard routes accept the credential.
 */
class SignIn extends HTMLElement {
  connectedCallback() {
    this.innerHTML = `
      <form id="login-form">
        <input id="email" type="email" placeholder="admin email" autocomplete="username">
        <input id="password" type="password" placeholder="password" autocomplete="current-password">
        <button id="login" type="submit">Sign in</button>
      </form>
      <form id="key-form">
        <input id="apikey" type="password" placeholder="or a server API key">
        <button id="use-key" type="submit">Use key</button>
      </form>
      <p id="signin-error" class="error"></p>`;
    this.querySelector('#login-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.#try(() => login(this.querySelector('#email').value, this.querySelector('#password').value));
    });
    this.querySelector('#key-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.#try(() => useKey(this.querySelector('#apikey').value));
    });
  }

  async #try(signIn) {
    const error = this.querySelector('#signin-error');
    error.textContent = '';
    try {
      await signIn();
      this.hidden = true;
      this.dispatchEvent(new CustomEvent('signed-in', { bubbles: true }));
    } catch (e) {
      error.textContent = e.message;
    }
  }
}
customElements.define('sb-signin', SignIn);
