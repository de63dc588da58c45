/**
 * The seed's HTTP interface (SPEC C3; seed 002 {@code gateway/workflow_handler.go}; issue 9 point
 * 1): {@code /api/v1/workflow/upload}, {@code status}, {@code step-completed}, {@code list} and
 * {@code cancel} ({@link io.switchboard.workflows.http.WorkflowRoutes}), with user tokens for users
 * and the server API key for worker services.
 */
package io.switchboard.workflows.http;
