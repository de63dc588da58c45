/** Project tokens: issued and revoked through the server API, stored hashed on the store port. */
package io.switchboard.tunnel.token;
