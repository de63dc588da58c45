/**
 * The workflow as stored and shown (SPEC C3; seed 002 {@code workflow/models.go}): the document's
 * JSON shape and its statuses ({@link io.switchboard.workflows.model.WorkflowDoc}), the resolved
 * definitions ({@link io.switchboard.workflows.model.Definitions}), time-ordered ids ({@link
 * io.switchboard.workflows.model.WorkflowIds}), the store's collections and keys ({@link
 * io.switchboard.workflows.model.Keys}) and who may see a workflow ({@link
 * io.switchboard.workflows.model.Viewer}). No I/O here.
 */
package io.switchboard.workflows.model;
