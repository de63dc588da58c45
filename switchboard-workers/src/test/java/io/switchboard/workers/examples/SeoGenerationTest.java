package io.switchboard.workers.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.workers.testing.Steps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class SeoGenerationTest {
  private final SeoGeneration work = new SeoGeneration();

  @Test
  void derivesSlugTitleDescriptionAndKeywords() {
    JsonObject r =
        work.run(Steps.payload("wf-1", "s-3", SeoGeneration.TYPE, Steps.product())).result();
    assertThat(r.getString("slug")).isEqualTo("trail-running-shoe");
    assertThat(r.getString("canonical_path")).isEqualTo("/products/trail-running-shoe");
    assertThat(r.getString("title")).isEqualTo("Trail Running Shoe | Outdoor Footwear");
    assertThat(r.getString("meta_description"))
        .isEqualTo("Lightweight trail running shoe with a grippy sole for wet rocks.");
    assertThat(r.getJsonArray("keywords").getList())
        .containsExactly(
            "outdoor",
            "footwear",
            "trail",
            "running",
            "shoe",
            "lightweight",
            "grippy",
            "sole",
            "wet",
            "rocks");
    assertThat(r.getValue("og_image")).isNull();
  }

  @Test
  void usesTheEarlierStepsResults() {
    JsonObject payload = Steps.payload("wf-1", "s-3", SeoGeneration.TYPE, Steps.product());
    String longText = "Trail Running Shoe is great. " + "Very comfortable indeed. ".repeat(10);
    payload
        .getJsonObject("workflow")
        .put(
            "steps",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("type", "image_processing")
                        .put("result", new JsonObject().put("primary_image", "front.jpg")))
                .add(
                    new JsonObject()
                        .put("type", "ai_enhancement")
                        .put(
                            "result",
                            new JsonObject()
                                .put("enhanced_name", "Trail Runner X")
                                .put("enhanced_description", longText)
                                .put("highlights", new JsonArray().add("comfort")))));
    JsonObject r = work.run(payload).result();
    assertThat(r.getString("og_image")).isEqualTo("front.jpg");
    assertThat(r.getString("title")).isEqualTo("Trail Runner X | Outdoor Footwear");
    assertThat(r.getString("meta_description"))
        .hasSizeLessThanOrEqualTo(SeoGeneration.DESCRIPTION_CHARS)
        .startsWith("Trail Running Shoe is great.")
        .endsWith("…");
    assertThat(r.getJsonArray("keywords").getList()).startsWith("outdoor", "footwear", "comfort");
  }

  @Test
  void slugsStripAccentsAndFallBackToTheProductId() {
    JsonObject accented = Steps.product().put("name", "Crème Brûlée  Torch!!");
    assertThat(
            work.run(Steps.payload("wf-1", "s-3", SeoGeneration.TYPE, accented))
                .result()
                .getString("slug"))
        .isEqualTo("creme-brulee-torch");
    JsonObject symbols = Steps.product().put("name", "★★★");
    assertThat(
            work.run(Steps.payload("wf-9", "s-3", SeoGeneration.TYPE, symbols))
                .result()
                .getString("slug"))
        .isEqualTo("product-prod-wf-9");
  }

  @Test
  void longTitlesAreCutAtAWord() {
    JsonObject product =
        Steps.product().put("name", "an extraordinarily long product name that keeps on going");
    String title =
        work.run(Steps.payload("wf-1", "s-3", SeoGeneration.TYPE, product))
            .result()
            .getString("title");
    assertThat(title).hasSizeLessThanOrEqualTo(SeoGeneration.TITLE_CHARS).endsWith("…");
  }

  @Test
  void aProductWithoutNameFails() {
    JsonObject product = Steps.product();
    product.remove("name");
    assertThat(work.run(Steps.payload("wf-1", "s-3", SeoGeneration.TYPE, product)).cause())
        .hasMessage("the product has no name to build a slug from");
  }
}
