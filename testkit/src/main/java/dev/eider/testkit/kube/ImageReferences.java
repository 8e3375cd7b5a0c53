package dev.eider.testkit.kube;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Image references as the kubelet parses them before it pulls anything (docker/distribution's
 * reference grammar, as vendored by Kubernetes 1.20): a reference it cannot parse leaves the
 * container waiting with {@code InvalidImageName}, whatever images the node has.
 */
final class ImageReferences {

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
  private static final int NAME_TOTAL_LENGTH_MAX = 255;

  private ImageReferences() {}

  /** The kubelet's waiting message for an image reference it cannot parse; empty when it parses. */
  static Optional<String> invalid(String image) {
    return parseError(image).map(error -> "Failed to apply default image tag \"" + image + "\": couldn't parse image reference \""
        + image + "\": " + error);
  }

  /** ParseNormalizedNamed's error, if any. */
  private static Optional<String> parseError(String image) {
    if (IDENTIFIER.matcher(image).matches()) {
      return Optional.of("invalid repository name (" + image + "), cannot specify 64-byte hexadecimal strings");
    }
    String[] split = splitDockerDomain(image);
    String remainder = split[1];
    String remoteName = remainder.indexOf(':') >= 0 ? remainder.substring(0, remainder.indexOf(':')) : remainder;
    if (!remoteName.toLowerCase(Locale.ROOT).equals(remoteName)) {
      return Optional.of("invalid reference format: repository name must be lowercase");
    }
    String normalized = split[0] + "/" + remainder;
    var match = REFERENCE.matcher(normalized);
    if (!match.matches()) {
      if (REFERENCE.matcher(normalized.toLowerCase(Locale.ROOT)).matches()) {
        return Optional.of("repository name must be lowercase");
      }
      return Optional.of("invalid reference format");
    }
    if (match.group(1).length() > NAME_TOTAL_LENGTH_MAX) {
      return Optional.of("repository name must not be more than " + NAME_TOTAL_LENGTH_MAX + " characters");
    }
    return Optional.empty();
  }

  /** Docker Hub is the domain of a name whose first part is not a host ({@code busybox}, {@code library/busybox}). */
  private static String[] splitDockerDomain(String name) {
    int slash = name.indexOf('/');
    String first = slash < 0 ? "" : name.substring(0, slash);
    if (slash < 0 || (!first.contains(".") && !first.contains(":") && !first.equals("localhost"))) {
      String remainder = slash < 0 ? "library/" + name : name;
      return new String[] {"docker.io", remainder};
    }
    return new String[] {first.equals("index.docker.io") ? "docker.io" : first, name.substring(slash + 1)};
  }
}
