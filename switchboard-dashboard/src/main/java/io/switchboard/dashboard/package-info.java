/**
 * The live dashboard at {@code /dashboard} (SPEC C5; issue 12 points 2 and 3; docs/dashboard.md):
 * {@link io.switchboard.dashboard.DashboardCapability} serves the page, its admin routes ({@code
 * http}) and each node's stats frame on room {@code sys:metrics} ({@code feed}).
 */
package io.switchboard.dashboard;
