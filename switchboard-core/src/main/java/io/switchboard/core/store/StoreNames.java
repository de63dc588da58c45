package io.switchboard.core.store;

import java.util.regex.Pattern;

/**
 * The names a {@link Store} accepts, checked the same way by every engine: streams and collections
 * of letters, digits and {@code . _ : -} (at most 200 and 100 characters), document keys of any
 * text up to 512 characters.
 */
public final class StoreNames {
  private static final Pattern STREAM = Pattern.compile("[A-Za-z0-9._:\\-]{1,200}");
  private static final Pattern COLLECTION = Pattern.compile("[A-Za-z0-9._:\\-]{1,100}");

  private StoreNames() {}

  /**
   * @throws IllegalArgumentException when {@code stream} is not a stream name
   */
  public static String stream(String stream) {
    if (stream == null || !STREAM.matcher(stream).matches()) {
      throw new IllegalArgumentException("a stream is 1-200 of A-Z a-z 0-9 . _ : -, got " + stream);
    }
    return stream;
  }

  /**
   * @throws IllegalArgumentException when {@code collection} is not a collection name
   */
  public static String collection(String collection) {
    if (collection == null || !COLLECTION.matcher(collection).matches()) {
      throw new IllegalArgumentException(
          "a collection is 1-100 of A-Z a-z 0-9 . _ : -, got " + collection);
    }
    return collection;
  }

  /**
   * @throws IllegalArgumentException when {@code key} is empty or over 512 characters
   */
  public static String key(String key) {
    if (key == null || key.isEmpty() || key.length() > 512) {
      throw new IllegalArgumentException("a document key is 1-512 characters");
    }
    return key;
  }
}
