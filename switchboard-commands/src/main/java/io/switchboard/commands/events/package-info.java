/**
 * Writing events with their projections and outbox messages in one transaction, and the documents
 * that track commands (SPEC C2; issue 8).
 */
package io.switchboard.commands.events;
