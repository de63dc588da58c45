package io.switchboard.workers.examples;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Small deterministic text helpers of the example works. */
final class Text {
  private static final Set<String> STOPWORDS =
      Set.of(
          "the", "and", "for", "with", "this", "that", "from", "your", "you", "are", "was", "our",
          "its", "has", "have", "into", "onto", "over", "under", "very", "more", "most", "all",
          "any", "can", "will", "not", "but", "per", "out", "use", "one", "two", "who", "what");

  private Text() {}

  /** Lower-case words of letters and digits, in order; anything else separates words. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /**
   * The most frequent meaningful words: at least 3 characters, not a stop word, not only digits;
   * ties keep the order of first appearance.
   *
   * @param text the text
   * @param max how many at most
   */
  static List<String> keywords(String text, int max) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String w : words(text)) {
      if (w.length() >= 3 && !STOPWORDS.contains(w) && !w.chars().allMatch(Character::isDigit)) {
        counts.merge(w, 1, Integer::sum);
      }
    }
    List<String> sorted = new ArrayList<>(counts.keySet());
    sorted.sort((a, b) -> counts.get(b) - counts.get(a)); // stable: first appearance breaks ties
    return List.copyOf(sorted.subList(0, Math.min(max, sorted.size())));
  }

  /**
   * A URL slug: accents stripped, lower case, runs of other characters as one {@code -}, at most
   * {@code max} characters, cut at a {@code -}; {@code ""} when nothing is left.
   */
  static String slug(String text, int max) {
    String s =
        Normalizer.normalize(text, Normalizer.Form.NFD)
            .replaceAll("\\p{M}+", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (s.length() > max) {
      s = s.substring(0, max);
      int cut = s.lastIndexOf('-');
      s = cut > 0 ? s.substring(0, cut) : s;
    }
    return s;
  }

  /** Whitespace collapsed; at most {@code max} characters, cut at a space and ended with "…". */
  static String truncate(String text, int max) {
    String s = text.trim().replaceAll("\\s+", " ");
    if (s.length() <= max) {
      return s;
    }
    String cut = s.substring(0, max - 1);
    int space = cut.lastIndexOf(' ');
    cut = space > max / 2 ? cut.substring(0, space) : cut;
    return cut.replaceAll("[\\s,;:.-]+$", "") + "…";
  }

  /** Whitespace collapsed, first letter upper case, ended with {@code .} unless punctuated. */
  static String sentence(String text) {
    String s = text.trim().replaceAll("\\s+", " ");
    if (s.isEmpty()) {
      return s;
    }
    s = s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    return s.matches(".*[.!?…]$") ? s : s + ".";
  }

  /** Each word's first letter upper case, the rest as given; whitespace collapsed. */
  static String titleCase(String text) {
    StringBuilder b = new StringBuilder();
    for (String w : text.trim().split("\\s+")) {
      if (w.isEmpty()) {
        continue;
      }
      if (b.length() > 0) {
        b.append(' ');
      }
      b.append(w.substring(0, 1).toUpperCase(Locale.ROOT)).append(w.substring(1));
    }
    return b.toString();
  }

  /** The SHA-256 of {@code text} in UTF-8, lower-case hex. */
  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
