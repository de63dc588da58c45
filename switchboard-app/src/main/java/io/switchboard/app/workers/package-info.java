/**
 * The example workflow step workers run inside a node ({@code workflows.exampleWorkers}, issue 9
 * point 7).
 */
package io.switchboard.app.workers;
