package io.switchboard.workers.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.workers.testing.Steps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ImageProcessingTest {
  private final ImageProcessing work = new ImageProcessing();

  private Future<JsonObject> run(JsonObject product) {
    return work.run(Steps.payload("wf-1", "s-1", ImageProcessing.TYPE, product));
  }

  @Test
  void plansThumbnailsAndChecksumsForEveryImage() {
    JsonObject r = run(Steps.product()).result();
    assertThat(r.getInteger("image_count")).isEqualTo(2);
    assertThat(r.getString("primary_image"))
        .isEqualTo("https://cdn.example.com/p/shoe-front.JPG?v=2");
    JsonObject first = r.getJsonArray("images").getJsonObject(0);
    assertThat(first.getString("file")).isEqualTo("shoe-front.JPG");
    assertThat(first.getString("format")).isEqualTo("jpg");
    assertThat(first.getString("checksum")).hasSize(16).matches("[0-9a-f]+");
    assertThat(
            first.getJsonArray("thumbnails").stream().map(t -> ((JsonObject) t).getString("file")))
        .containsExactly(
            "shoe-front_150x150.webp", "shoe-front_300x300.webp", "shoe-front_600x600.webp");
    JsonObject second = r.getJsonArray("images").getJsonObject(1);
    assertThat(second.getString("format")).isEqualTo("png");
    assertThat(r.getString("checksum")).hasSize(64);
  }

  @Test
  void isDeterministic() {
    assertThat(run(Steps.product()).result()).isEqualTo(run(Steps.product()).result());
    JsonObject other = Steps.product().put("images", new JsonArray().add("other.png"));
    assertThat(run(other).result().getString("checksum"))
        .isNotEqualTo(run(Steps.product()).result().getString("checksum"));
  }

  @Test
  void aProductWithoutImagesHasNone() {
    JsonObject product = Steps.product();
    product.remove("images");
    JsonObject r = run(product).result();
    assertThat(r.getInteger("image_count")).isZero();
    assertThat(r.getValue("primary_image")).isNull();
    assertThat(r.getJsonArray("images")).isEmpty();
  }

  @Test
  void badImagesFailTheStepWithAReadableReason() {
    assertThat(run(Steps.product().put("images", "a.png")).cause())
        .hasMessage("images is not a list of file names or URLs");
    assertThat(run(Steps.product().put("images", new JsonArray().add("a.png").add(3))).cause())
        .hasMessageStartingWith("images[1] is not a file name or URL");
    JsonArray many = new JsonArray();
    for (int i = 0; i <= ImageProcessing.MAX_IMAGES; i++) {
      many.add("i" + i + ".png");
    }
    assertThat(run(Steps.product().put("images", many)).cause())
        .hasMessage("too many images: 101 (at most 100)");
  }

  @Test
  void findsTheProductWhereverTheGatewayPutIt() {
    JsonObject payload =
        new JsonObject()
            .put("workflow", new JsonObject().put("id", "wf-1"))
            .put("product", Steps.product());
    assertThat(work.run(payload).result().getInteger("image_count")).isEqualTo(2);
    JsonObject inMetadata =
        new JsonObject().put("workflow", new JsonObject().put("metadata", Steps.product()));
    assertThat(work.run(inMetadata).result().getInteger("image_count")).isEqualTo(2);
  }
}
