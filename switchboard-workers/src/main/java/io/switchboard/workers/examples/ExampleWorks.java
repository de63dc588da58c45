package io.switchboard.workers.examples;

import io.switchboard.workers.step.StepWork;
import java.util.List;

/** The example works by step type: seed 002's product workflow, in its order. */
public final class ExampleWorks {
  /** The step types with an example work, in the default workflow's order. */
  public static final List<String> STEP_TYPES =
      List.of(ImageProcessing.TYPE, AiEnhancement.TYPE, SeoGeneration.TYPE);

  private ExampleWorks() {}

  /**
   * The work of a step type.
   *
   * @param stepType one of {@link #STEP_TYPES}
   * @return a new instance of its work
   * @throws IllegalArgumentException for any other step type, listing the known ones
   */
  public static StepWork of(String stepType) {
    return switch (String.valueOf(stepType)) {
      case ImageProcessing.TYPE -> new ImageProcessing();
      case AiEnhancement.TYPE -> new AiEnhancement();
      case SeoGeneration.TYPE -> new SeoGeneration();
      default ->
          throw new IllegalArgumentException(
              "no example work for step type "
                  + stepType
                  + " (known: "
                  + String.join(", ", STEP_TYPES)
                  + ")");
    };
  }
}
