package io.switchboard.workers.examples;

import io.switchboard.workers.step.StepWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code seo_generation} step (seed 002's LLM service): search-engine fields for the product
 * page, using the {@code ai_enhancement} and {@code image_processing} results when the workflow
 * already has them.
 *
 * <p>Result: {@code {slug, title, meta_description, keywords[], canonical_path, og_image}}: {@code
 * slug} the name as a URL slug ({@link Text#slug}, at most 80 characters; {@code product-<id>} when
 * the name has no letters or digits); {@code title} "{@code <Name> | <Category>}" (the name alone
 * without a category), at most {@value #TITLE_CHARS} characters; {@code meta_description} the
 * enhanced description, else the description, else the name, at most {@value #DESCRIPTION_CHARS}
 * characters, cut at a word; {@code keywords} up to 10: the category's words, the enhancement's
 * highlights, then the name's and description's keywords, without repeats; {@code canonical_path}
 * {@code /products/<slug>}; {@code og_image} the primary image or {@code null}.
 *
 * <p>Fails (reported {@code success: false}) when the product has no name.
 */
public final class SeoGeneration implements StepWork {
  /** The step type. */
  public static final String TYPE = "seo_generation";

  /** The longest title, in characters (what search results show). */
  public static final int TITLE_CHARS = 60;

  /** The longest meta description, in characters. */
  public static final int DESCRIPTION_CHARS = 160;

  /** {@inheritDoc} As the class comment says. */
  @Override
  public Future<JsonObject> run(JsonObject payload) {
    Product p = Product.from(payload);
    if (p.name().isEmpty()) {
      return Future.failedFuture("the product has no name to build a slug from");
    }
    JsonObject enhanced = p.stepResult(AiEnhancement.TYPE);
    String name =
        enhanced.getValue("enhanced_name") instanceof String n && !n.isBlank()
            ? n
            : Text.titleCase(p.name());
    String slug = Text.slug(p.name(), 80);
    if (slug.isEmpty()) {
      String id = Text.slug(p.productId(), 60);
      slug = "product-" + (id.isEmpty() ? Text.sha256(p.name()).substring(0, 12) : id);
    }
    String category = p.category().isEmpty() ? "" : Text.titleCase(p.category());
    String title = Text.truncate(category.isEmpty() ? name : name + " | " + category, TITLE_CHARS);
    String source =
        enhanced.getValue("enhanced_description") instanceof String e && !e.isBlank()
            ? e
            : p.description().isEmpty() ? name : Text.sentence(p.description());
    return Future.succeededFuture(
        new JsonObject()
            .put("slug", slug)
            .put("title", title)
            .put("meta_description", Text.truncate(source, DESCRIPTION_CHARS))
            .put("keywords", new JsonArray(keywords(p, enhanced)))
            .put("canonical_path", "/products/" + slug)
            .put("og_image", p.stepResult(ImageProcessing.TYPE).getValue("primary_image")));
  }

  private static List<String> keywords(Product p, JsonObject enhanced) {
    Set<String> out = new LinkedHashSet<>(Text.words(p.category()));
    if (enhanced.getValue("highlights") instanceof JsonArray highlights) {
      for (Object h : highlights) {
        if (h instanceof String s && !s.isBlank()) {
          out.add(s);
        }
      }
    }
    out.addAll(Text.keywords(p.name() + " " + p.description(), 10));
    List<String> list = new ArrayList<>(out);
    return List.copyOf(list.subList(0, Math.min(10, list.size())));
  }
}
