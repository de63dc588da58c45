package io.switchboard.workers.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.workers.testing.Steps;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class AiEnhancementTest {
  private final AiEnhancement work = new AiEnhancement();

  @Test
  void buildsAnEnhancedDescriptionFromTheProduct() {
    JsonObject r =
        work.run(Steps.payload("wf-1", "s-2", AiEnhancement.TYPE, Steps.product())).result();
    assertThat(r.getString("enhanced_name")).isEqualTo("Trail Running Shoe");
    assertThat(r.getString("category")).isEqualTo("Outdoor Footwear");
    assertThat(r.getJsonArray("highlights").getList())
        .containsExactly("trail", "running", "shoe", "lightweight", "grippy");
    assertThat(r.getString("enhanced_description"))
        .isEqualTo(
            "Trail Running Shoe is an outdoor footwear product. Lightweight trail running shoe"
                + " with a grippy sole for wet rocks. Highlights: trail, running, shoe,"
                + " lightweight, grippy.");
    assertThat(r.getString("price_label")).isEqualTo("129.90");
    assertThat(r.getInteger("word_count")).isEqualTo(25);
  }

  @Test
  void mentionsTheImagesOfTheImageStep() {
    JsonObject payload = Steps.payload("wf-1", "s-2", AiEnhancement.TYPE, Steps.product());
    payload
        .getJsonObject("workflow")
        .put(
            "steps",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("type", "image_processing")
                        .put("result", new JsonObject().put("image_count", 2))));
    assertThat(work.run(payload).result().getString("enhanced_description"))
        .endsWith(" Shown in 2 images.");
  }

  @Test
  void aProductWithoutCategoryOrPriceStillGetsADescription() {
    JsonObject product = new JsonObject().put("name", "mug");
    JsonObject r = work.run(Steps.payload("wf-1", "s-2", AiEnhancement.TYPE, product)).result();
    assertThat(r.getString("enhanced_description")).isEqualTo("Mug is a product. Highlights: mug.");
    assertThat(r.getString("category")).isEqualTo("Uncategorized");
    assertThat(r.containsKey("price_label")).isFalse();
  }

  @Test
  void aProductWithoutNameFails() {
    JsonObject product = Steps.product().put("name", "  ");
    assertThat(work.run(Steps.payload("wf-1", "s-2", AiEnhancement.TYPE, product)).cause())
        .hasMessage("the product has no name to enhance");
  }
}
