package io.switchboard.workers.examples;

import io.switchboard.workers.step.StepWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * The {@code ai_enhancement} step (seed 002's LLM service), as a deterministic template instead of
 * a model: a cleaned-up name and a richer description built from the product's name, description,
 * category, price and the image count of the {@code image_processing} step.
 *
 * <p>Result: {@code {enhanced_name, enhanced_description, highlights[], category, price_label?,
 * word_count}}: {@code enhanced_name} the name in title case; {@code category} the category in
 * title case, or {@code Uncategorized}; {@code highlights} up to 5 keywords of the name and
 * description ({@link Text#keywords}); {@code enhanced_description} "{@code <Name> is a <category>
 * product. <Description.> Highlights: a, b, c. Shown in N images.}" (parts without data left out);
 * {@code price_label} the price with two decimals when it is a non-negative number; {@code
 * word_count} the words of the enhanced description.
 *
 * <p>Fails (reported {@code success: false}) when the product has no name.
 */
public final class AiEnhancement implements StepWork {
  /** The step type. */
  public static final String TYPE = "ai_enhancement";

  /** {@inheritDoc} As the class comment says. */
  @Override
  public Future<JsonObject> run(JsonObject payload) {
    Product p = Product.from(payload);
    if (p.name().isEmpty()) {
      return Future.failedFuture("the product has no name to enhance");
    }
    String name = Text.titleCase(p.name());
    String category = p.category().isEmpty() ? "Uncategorized" : Text.titleCase(p.category());
    List<String> highlights = Text.keywords(p.name() + " " + p.description(), 5);
    StringBuilder d = new StringBuilder(name);
    d.append(p.category().isEmpty() ? " is a product." : article(p.category()) + " product.");
    if (!p.description().isEmpty()) {
      d.append(' ').append(Text.sentence(p.description()));
    }
    if (!highlights.isEmpty()) {
      d.append(" Highlights: ").append(String.join(", ", highlights)).append('.');
    }
    Object images = p.stepResult(ImageProcessing.TYPE).getValue("image_count");
    if (images instanceof Number n && n.intValue() > 0) {
      d.append(" Shown in ")
          .append(n.intValue())
          .append(n.intValue() == 1 ? " image." : " images.");
    }
    String description = d.toString();
    JsonObject result =
        new JsonObject()
            .put("enhanced_name", name)
            .put("enhanced_description", description)
            .put("highlights", new JsonArray(highlights))
            .put("category", category)
            .put("word_count", Text.words(description).size());
    Number price = p.price();
    if (price != null && Double.isFinite(price.doubleValue()) && price.doubleValue() >= 0) {
      result.put(
          "price_label",
          new BigDecimal(price.toString()).setScale(2, RoundingMode.HALF_UP).toPlainString());
    }
    return Future.succeededFuture(result);
  }

  /** " is a(n) <category, lower case>". */
  private static String article(String category) {
    String c = category.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    return (c.matches("^[aeiou].*") ? " is an " : " is a ") + c;
  }
}
