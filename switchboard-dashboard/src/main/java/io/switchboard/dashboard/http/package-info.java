/**
 * Who may use the dashboard (an admin JWT or a server API key), its routes under {@code
 * /api/v1/dashboard/} and the short-lived socket tokens it signs for API-key callers.
 */
package io.switchboard.dashboard.http;
