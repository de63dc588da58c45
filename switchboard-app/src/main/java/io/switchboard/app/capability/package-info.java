/** Which capabilities a node runs, from its configuration (SPEC C2–C5). */
package io.switchboard.app.capability;
