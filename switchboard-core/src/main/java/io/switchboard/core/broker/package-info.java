/**
 * The message broker port and the per-node event buffer toward it (SPEC "Engines", broker; SPEC C1
 * "Event buffer"): topic exchanges, confirmed ordered publish with permanent refusals reported,
 * acknowledged consume with dead-lettering, and the limits every engine applies before publishing.
 */
package io.switchboard.core.broker;
