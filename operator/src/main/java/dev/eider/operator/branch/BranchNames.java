package dev.eider.operator.branch;

import dev.eider.operator.platform.KubeNames;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Every name derived from a git branch: a readable slug plus a short hash of the exact branch
 * string, so that two branches that slug alike ({@code Feature/X} and {@code feature-x}) never
 * share a namespace, an object prefix or a database. Whatever the branch is called (very long,
 * unicode, {@code ../}, dots, slashes, nothing left after slugging) the names are safe.
 *
 * @param branch the branch as given
 * @param slug lower-case letters, digits and single dashes, never empty ({@value #EMPTY_SLUG} when nothing is left)
 * @param hash the first {@value #HASH_CHARS} hex digits of the SHA-256 of {@code branch}
 */
public record BranchNames(String branch, String slug, String hash) {

  public static final String NAMESPACE_PREFIX = "eider-";
  static final int HASH_CHARS = 8;
  /** Longest slug in object prefixes, label values and database names: readable, and short enough for every store. */
  static final int SLUG_MAX = 40;
  static final String EMPTY_SLUG = "branch";

  public static BranchNames of(String branch) {
    String exact = branch == null ? "" : branch;
    return new BranchNames(exact, slug(exact), KubeNames.hash(exact, HASH_CHARS));
  }

  static String slug(String text) {
    // Accents become their base letter (é -> e); whatever is not [a-z0-9] becomes one dash.
    String ascii = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return slug.isEmpty() ? EMPTY_SLUG : slug;
  }

  /** {@code eider-<slug>-<hash>}: a DNS-1123 label of at most 63 characters. */
  public String namespace() {
    int room = KubeNames.LABEL_MAX - NAMESPACE_PREFIX.length() - 1 - HASH_CHARS;
    return NAMESPACE_PREFIX + cut(slug, room, '-') + "-" + hash;
  }

  /** {@code <slug>-<hash>}: the branch's folder under the object prefix, and a valid label value. */
  public String key() {
    return cut(slug, SLUG_MAX, '-') + "-" + hash;
  }

  /** {@code <prefix>/branches/<slug>-<hash>}: where the branch's assets write objects. */
  public String objectPrefix(String productionPrefix) {
    String base = productionPrefix == null ? "" : productionPrefix.replaceAll("^/+|/+$", "");
    return (base.isEmpty() ? "" : base + "/") + "branches/" + key();
  }

  /**
   * {@code <stem>_br_<slug>_<hash>} in at most {@code max} characters, letters, digits and
   * underscores after the stem: the slug is cut first, then the stem; the hash always stays.
   */
  public String databaseName(String stem, int max) {
    String tail = "_" + hash;
    String slugPart = cut(slug.replace('-', '_'), SLUG_MAX, '_');
    int room = max - stem.length() - "_br_".length() - tail.length();
    if (room >= 1) {
      return stem + "_br_" + cut(slugPart, room, '_') + tail;
    }
    String shortTail = "_br" + tail;
    return cut(stem, Math.max(1, max - shortTail.length()), '_') + shortTail;
  }

  /** The first {@code max} characters of {@code text}, without trailing {@code separator}s. */
  static String cut(String text, int max, char separator) {
    String cut = text.length() <= max ? text : text.substring(0, Math.max(0, max));
    int end = cut.length();
    while (end > 0 && cut.charAt(end - 1) == separator) {
      end--;
    }
    return cut.substring(0, end);
  }
}
