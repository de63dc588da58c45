/**
 * Logging: the request id in every log line of an HTTP request and the JSON format option (SPEC C5;
 * issue 11 point 2), on logback.
 */
package io.switchboard.app.logging;
