package io.switchboard.workflows.model;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Who asks (SPEC C3; issue 9 point 6: "a user sees only the workflows they started unless their
 * role says otherwise"): the user id and whether their token's role claim ({@code
 * workflows.roleClaim}, text or an array of text) holds {@code workflows.adminRole}.
 *
 * @param user the token's {@code sub}
 * @param admin whether they see every user's workflows
 */
public record Viewer(String user, boolean admin) {

  /**
   * The viewer of a verified token.
   *
   * @param user the {@code sub}
   * @param claims the verified claims
   * @param roleClaim the claim with the roles
   * @param adminRole the admin role; {@code ""}: nobody is admin
   */
  public static Viewer of(String user, JsonObject claims, String roleClaim, String adminRole) {
    if (adminRole.isEmpty() || claims == null) {
      return new Viewer(user, false);
    }
    Object roles = claims.getValue(roleClaim);
    boolean admin = roles instanceof JsonArray a ? a.contains(adminRole) : adminRole.equals(roles);
    return new Viewer(user, admin);
  }

  /** Whether this viewer may see (and cancel) the workflow document {@code doc}. */
  public boolean sees(JsonObject doc) {
    return doc != null && (admin || user.equals(doc.getString(WorkflowDoc.USER)));
  }
}
