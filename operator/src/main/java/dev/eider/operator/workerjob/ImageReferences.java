package dev.eider.operator.workerjob;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Image references as the kubelet parses them (docker/distribution's reference grammar, which
 * Kubernetes vendors): a reference it cannot parse would leave every run waiting with
 * {@code InvalidImageName}, so the spec is refused instead.
 */
public final class ImageReferences {

  private static final String ALPHANUMERIC = "[a-z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]*)";
  private static final String PATH_COMPONENT = ALPHANUMERIC + "(?:" + SEPARATOR + ALPHANUMERIC + ")*";
  private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]+)?";
  private static final String NAME = "(?:" + DOMAIN + "/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
  private static final Pattern REFERENCE = Pattern.compile("(" + NAME + ")(?::" + TAG + ")?(?:@" + DIGEST + ")?");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-f0-9]{64}");
  private static final int NAME_MAX_LENGTH = 255;

  private ImageReferences() {}

  /** Why {@code image} is not a reference the kubelet can pull, or empty when it is one. */
  public static Optional<String> problem(String image) {
    if (image.isEmpty()) {
      return Optional.of("is empty");
    }
    if (IDENTIFIER.matcher(image).matches()) {
      return Optional.of("a 64-character hexadecimal string is an image ID, not a reference");
    }
    int slash = image.indexOf('/');
    String first = slash < 0 ? image : image.substring(0, slash);
    boolean registry = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
    String repository = registry ? image.substring(slash + 1) : image;
    int tag = repository.indexOf(':');
    String path = tag < 0 ? repository : repository.substring(0, tag);
    if (!path.toLowerCase(Locale.ROOT).equals(path)) {
      // Without a registry host the first part is a repository path (Docker Hub), never a host.
      return Optional.of("repository name must be lowercase");
    }
    var match = REFERENCE.matcher(image);
    if (!match.matches()) {
      return Optional.of(REFERENCE.matcher(image.toLowerCase(Locale.ROOT)).matches()
          ? "repository name must be lowercase" : "invalid reference format (expected [registry/]repository[:tag][@digest])");
    }
    if (match.group(1).length() > NAME_MAX_LENGTH) {
      return Optional.of("repository name is longer than " + NAME_MAX_LENGTH + " characters");
    }
    return Optional.empty();
  }
}
