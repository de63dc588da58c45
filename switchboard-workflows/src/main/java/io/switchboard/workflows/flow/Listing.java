package io.switchboard.workflows.flow;

import io.switchboard.core.store.Document;
import io.switchboard.core.store.Store;
import io.switchboard.workflows.model.Keys;
import io.switchboard.workflows.model.Viewer;
import io.switchboard.workflows.model.WorkflowDoc;
import io.switchboard.workflows.model.WorkflowIds;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/v1/workflow/list} (SPEC C3; docs/workflows.md "List"): a user's workflows from
 * the per-user index ({@link Keys#BY_USER}), an admin's from all of {@link Keys#WORKFLOWS}, oldest
 * first (ids sort by creation time). Filters apply while scanning; one request reads at most {@code
 * workflows.listScan} entries, so a filtered page can come back short with a {@code next_cursor}:
 * the reply is {@code {workflows: [workflow…], count, next_cursor}} with {@code next_cursor} {@code
 * null} at the end. Reads only committed state; never blocks.
 */
public final class Listing {
  private static final int PAGE = 200;

  private final Store store;
  private final int maxScan;

  /**
   * @param store the store
   * @param maxScan {@code workflows.listScan}
   */
  public Listing(Store store, int maxScan) {
    this.store = store;
    this.maxScan = maxScan;
  }

  private static final class Scan {
    final List<JsonObject> hits = new ArrayList<>();
    int scanned;
    String last;
    boolean more;
  }

  /**
   * One page for {@code viewer}.
   *
   * @return {@code {workflows, count, next_cursor}}; failed with the store's error
   */
  public Future<JsonObject> list(Viewer viewer, ListQuery q) {
    boolean all = viewer.admin();
    String collection = all ? Keys.WORKFLOWS : Keys.BY_USER;
    String prefix = all ? "" : Keys.userPrefix(viewer.user());
    String start =
        q.cursor() != null
            ? prefix + q.cursor()
            : q.from() != null ? prefix + WorkflowIds.lowerBound(q.from()) : all ? null : prefix;
    Scan s = new Scan();
    return scan(collection, prefix, start, viewer, q, s)
        .compose(v -> all ? Future.succeededFuture(s.hits) : full(s.hits))
        .map(
            docs -> {
              JsonArray out = new JsonArray();
              docs.forEach(d -> out.add(WorkflowDoc.publicView(d)));
              return new JsonObject()
                  .put("workflows", out)
                  .put("count", out.size())
                  .put("next_cursor", s.more ? s.last : null);
            });
  }

  private Future<Void> scan(
      String collection, String prefix, String after, Viewer viewer, ListQuery q, Scan s) {
    int n = Math.min(PAGE, maxScan - s.scanned);
    if (n <= 0) {
      s.more = true;
      return Future.succeededFuture();
    }
    return store
        .list(collection, after, n)
        .compose(
            page -> {
              for (Document d : page.documents()) {
                if (!d.key().startsWith(prefix)) {
                  return Future.succeededFuture();
                }
                String id = d.key().substring(prefix.length());
                long time = WorkflowIds.time(id);
                if (q.to() != null && time > q.to()) {
                  return Future.succeededFuture();
                }
                s.scanned++;
                s.last = id;
                JsonObject j = new JsonObject(d.json());
                if (matches(j, viewer, q, time)) {
                  s.hits.add(j);
                  if (s.hits.size() >= q.limit()) {
                    s.more = true;
                    return Future.succeededFuture();
                  }
                }
              }
              return page.next() == null
                  ? Future.succeededFuture()
                  : scan(collection, prefix, page.next(), viewer, q, s);
            });
  }

  private static boolean matches(JsonObject j, Viewer viewer, ListQuery q, long time) {
    return viewer.sees(j)
        && (q.statuses().isEmpty() || q.statuses().contains(j.getString(WorkflowDoc.STATUS)))
        && (q.type() == null || q.type().equals(j.getString(WorkflowDoc.TYPE)))
        && (q.from() == null || time >= q.from());
  }

  /** The workflow documents of index summaries, in order (one gone meanwhile is left out). */
  private Future<List<JsonObject>> full(List<JsonObject> summaries) {
    List<Future<Document>> reads =
        summaries.stream()
            .map(j -> store.get(Keys.WORKFLOWS, j.getString(WorkflowDoc.ID)))
            .toList();
    return Future.all(reads)
        .map(
            v ->
                reads.stream()
                    .map(Future::result)
                    .filter(Objects::nonNull)
                    .map(d -> new JsonObject(d.json()))
                    .toList());
  }
}
