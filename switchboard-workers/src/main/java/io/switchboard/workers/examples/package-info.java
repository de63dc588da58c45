/**
 * The three example step works of seed 002's product workflow (issue 9 point 7): {@link
 * io.switchboard.workers.examples.ImageProcessing}, {@link
 * io.switchboard.workers.examples.AiEnhancement} and {@link
 * io.switchboard.workers.examples.SeoGeneration}. Deterministic, cheap and pure (the same payload
 * gives the same result), with optional injected delay and failures ({@link
 * io.switchboard.workers.examples.Faults}) for tests and the benchmark.
 */
package io.switchboard.workers.examples;
