/**
 * The {@code --route <type>=[<METHOD>:]<url>} table (SPEC C4): which local HTTP endpoint answers
 * which request type, with {@code *} as the catch-all.
 */
package io.switchboard.agent.route;
