package io.switchboard.workers.examples;

import io.switchboard.workers.step.StepWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code image_processing} step (seed 002's image service): plans the thumbnails of every
 * product image and fingerprints the set. No pixels are read; the result is what a real image
 * service would hand on, derived from the image names only.
 *
 * <p>Result: {@code {images: [{source, file, format, checksum, thumbnails: [{size, file}]}],
 * image_count, primary_image, checksum}}: one entry per image in order; {@code file} the last path
 * segment of the source (query and fragment dropped); {@code format} its lower-case extension or
 * {@code unknown}; thumbnails {@code 150x150}, {@code 300x300} and {@code 600x600} named {@code
 * <base>_<size>.webp}; each {@code checksum} the first 16 hex digits of the SHA-256 of the source;
 * {@code primary_image} the first source or {@code null}; the overall {@code checksum} the SHA-256
 * of the sources joined by newlines. A product without images succeeds with {@code image_count: 0}.
 *
 * <p>Fails (reported {@code success: false}) when {@code images} is not a list, an entry is not a
 * non-blank string of at most 2048 characters, or there are more than {@value #MAX_IMAGES}.
 */
public final class ImageProcessing implements StepWork {
  /** The step type. */
  public static final String TYPE = "image_processing";

  /** The most images one product may have. */
  public static final int MAX_IMAGES = 100;

  /** The thumbnail sizes produced, in pixels (width x height). */
  public static final List<String> SIZES = List.of("150x150", "300x300", "600x600");

  /** {@inheritDoc} As the class comment says. */
  @Override
  public Future<JsonObject> run(JsonObject payload) {
    Object raw = Product.from(payload).images();
    List<String> sources = new ArrayList<>();
    if (raw instanceof JsonArray list) {
      if (list.size() > MAX_IMAGES) {
        return Future.failedFuture(
            "too many images: " + list.size() + " (at most " + MAX_IMAGES + ")");
      }
      for (int i = 0; i < list.size(); i++) {
        if (!(list.getValue(i) instanceof String s) || s.isBlank() || s.length() > 2048) {
          return Future.failedFuture(
              "images[" + i + "] is not a file name or URL (a non-blank text, at most 2048 chars)");
        }
        sources.add(s.trim());
      }
    } else if (raw != null) {
      return Future.failedFuture("images is not a list of file names or URLs");
    }
    JsonArray images = new JsonArray();
    for (String source : sources) {
      images.add(image(source));
    }
    return Future.succeededFuture(
        new JsonObject()
            .put("images", images)
            .put("image_count", sources.size())
            .put("primary_image", sources.isEmpty() ? null : sources.get(0))
            .put("checksum", Text.sha256(String.join("\n", sources))));
  }

  private static JsonObject image(String source) {
    String file = source.replaceFirst("[?#].*$", "");
    file = file.substring(file.lastIndexOf('/') + 1);
    int dot = file.lastIndexOf('.');
    String base = dot > 0 ? file.substring(0, dot) : file;
    String format = dot > 0 ? file.substring(dot + 1).toLowerCase(Locale.ROOT) : "unknown";
    String safe = Text.slug(base, 80);
    safe = safe.isEmpty() ? Text.sha256(source).substring(0, 12) : safe;
    JsonArray thumbnails = new JsonArray();
    for (String size : SIZES) {
      thumbnails.add(new JsonObject().put("size", size).put("file", safe + "_" + size + ".webp"));
    }
    return new JsonObject()
        .put("source", source)
        .put("file", file)
        .put("format", format.isEmpty() ? "unknown" : format)
        .put("checksum", Text.sha256(source).substring(0, 16))
        .put("thumbnails", thumbnails);
  }
}
