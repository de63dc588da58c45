package io.switchboard.core.store;

import java.util.List;

/**
 * A page of a collection in key order ({@link Store#list}).
 *
 * @param documents at most the requested number, keys ascending
 * @param next the key to pass as {@code afterKey} for the next page, or {@code null} at the end
 */
public record DocumentPage(List<Document> documents, String next) {
  public DocumentPage {
    documents = List.copyOf(documents);
  }
}
