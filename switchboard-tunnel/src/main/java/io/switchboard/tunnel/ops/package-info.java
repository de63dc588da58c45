/** The tunnel's metrics. */
package io.switchboard.tunnel.ops;
