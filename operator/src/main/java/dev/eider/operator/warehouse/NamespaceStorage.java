package dev.eider.operator.warehouse;

import dev.eider.operator.workerjob.NamespaceProfile;
import dev.eider.operator.warehouse.DatabaseLocation;
import dev.eider.operator.platform.EiderConfig;
import dev.eider.operator.platform.KubeNames;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Where the runs of a namespace write, by the kind of namespace. Production is opt-in: only a
 * namespace listed in {@code eider.production.namespaces} or labelled {@value #PRODUCTION_LABEL}
 * {@code "true"} writes the production prefix and warehouse. A branch namespace (labelled by its
 * BranchDeployment) writes what its annotations say. Every other namespace is isolated: objects under
 * {@code <prefix>/namespaces/<namespace>} and a warehouse of its own,
 * <ul>
 *   <li>{@code s3://<bucket>/<prefix>/namespaces/<namespace>/warehouse.duckdb} when production is {@code s3://},</li>
 *   <li>{@code md:<database>_ns_<namespace with - as _>} when production is {@code md:<database>}
 *       (cut, plus a hash of the namespace, to MotherDuck's 63 characters),</li>
 *   <li>{@code <dir>/<file>_ns_<namespace>.duckdb} next to a production file path (same volume claim).</li>
 * </ul>
 * Namespace names are DNS labels, so {@code /namespaces/<namespace>} is unique per namespace, and
 * never equals production's prefix or a branch's ({@code <prefix>/branches/<slug>-<hash>}); the
 * {@code _ns_} infix keeps a namespace's database apart from branches' staging databases
 * ({@code <database>_br_...}). A namespace the operator cannot place (not in its cache yet, a branch
 * namespace without its annotations, a name that is not a DNS label) gets no profile: nothing is
 * launched there until it can be placed.
 */
public final class NamespaceStorage {

  /** Label by which the cluster admin makes a namespace production ({@code "true"}). */
  public static final String PRODUCTION_LABEL = "eider.dev/production";
  /** Label the BranchDeployment controller puts on the namespaces it creates. */
  public static final String BRANCH_LABEL = "eider.dev/branch-deployment";
  /** Path segment under the object prefix that holds isolated namespaces. */
  public static final String NAMESPACES = "namespaces";
  static final String OBJECT_NAME = "warehouse.duckdb";
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
  private static final int HASH_CHARS = 8;

  /** What kind of namespace, for logs and events. */
  public enum Kind { PRODUCTION, BRANCH, ISOLATED, UNRESOLVED }

  /**
   * @param kind what the namespace is
   * @param profile where its runs write; empty when {@code kind} is UNRESOLVED (launch nothing)
   * @param reason why, in words (which config or label made it production, or why it cannot be placed)
   */
  public record Placement(Kind kind, Optional<NamespaceProfile> profile, String reason) {
    static Placement unresolved(String reason) {
      return new Placement(Kind.UNRESOLVED, Optional.empty(), reason);
    }
  }

  private final Set<String> productionNamespaces;
  private final String prefix;
  private final String bucket;
  private final Optional<DatabaseLocation> production;

  public NamespaceStorage(EiderConfig config) {
    this(config.production().namespaces().orElse(List.of()), config.storage().prefix(), config.storage().bucket(),
        ProductionWarehouse.of(config).connection());
  }

  public NamespaceStorage(List<String> productionNamespaces, String prefix, String bucket, String productionWarehouse) {
    this.productionNamespaces = new TreeSet<>();
    productionNamespaces.stream().map(String::strip).filter(name -> !name.isEmpty()).forEach(this.productionNamespaces::add);
    this.prefix = trimSlashes(prefix);
    this.bucket = bucket;
    this.production = DatabaseLocation.parse(productionWarehouse);
  }

  /** The placement of a namespace as the operator's cache shows it; {@code namespace} empty: not in the cache. */
  public Placement place(String name, Optional<Namespace> namespace) {
    if (namespace.isEmpty()) {
      return Placement.unresolved("namespace " + name + " is not in the operator's namespace cache (yet)");
    }
    Map<String, String> labels = orEmpty(namespace.get().getMetadata().getLabels());
    Map<String, String> annotations = orEmpty(namespace.get().getMetadata().getAnnotations());
    if (labels.containsKey(BRANCH_LABEL)) {
      NamespaceProfile profile = NamespaceProfile.ofBranch(annotations);
      if (profile.warehouse().isEmpty() || profile.objectPrefix().isEmpty()) {
        return Placement.unresolved("branch namespace " + name + " lacks its " + NamespaceProfile.WAREHOUSE + " and "
            + NamespaceProfile.OBJECT_PREFIX + " annotations (its BranchDeployment sets them)");
      }
      return new Placement(Kind.BRANCH, Optional.of(profile), "branch namespace of " + labels.get(BRANCH_LABEL));
    }
    if (productionNamespaces.contains(name)) {
      return new Placement(Kind.PRODUCTION, Optional.of(NamespaceProfile.NONE), "listed in eider.production.namespaces");
    }
    if ("true".equals(labels.get(PRODUCTION_LABEL))) {
      return new Placement(Kind.PRODUCTION, Optional.of(NamespaceProfile.NONE), "labelled " + PRODUCTION_LABEL + "=true");
    }
    return isolated(name);
  }

  /** The isolated profile of {@code name}: its own prefix and warehouse, pinned so Assets cannot redirect them. */
  Placement isolated(String name) {
    if (!DNS_LABEL.matcher(name).matches()) {
      return Placement.unresolved("'" + name + "' is not a DNS label; no prefix or warehouse is derived from it");
    }
    if (production.isEmpty()) {
      return Placement.unresolved("the production warehouse cannot be read, so no warehouse is derived for namespace " + name);
    }
    String objectPrefix = objectPrefix(name);
    DatabaseLocation source = production.get();
    String warehouse = switch (source.kind()) {
      case OBJECT -> "s3://" + bucket + "/" + objectPrefix + "/" + OBJECT_NAME;
      case MOTHERDUCK -> "md:" + motherDuckName(source.stem(), name, source.nameMax());
      case FILE -> source.sibling(source.stem() + "_ns_" + name).display();
    };
    Optional<DatabaseLocation> own = DatabaseLocation.parse(warehouse);
    if (own.isEmpty() || own.get().identity().equals(source.identity())) {
      return Placement.unresolved("the warehouse derived for namespace " + name + " (" + warehouse + ") is not a separate database");
    }
    NamespaceProfile profile = new NamespaceProfile(Optional.of(own.get().display()), Optional.of(objectPrefix),
        Optional.of(objectPrefix), OptionalInt.empty(), Optional.empty(), false);
    return new Placement(Kind.ISOLATED, Optional.of(profile), "not a production namespace: isolated under " + objectPrefix);
  }

  /** {@code <prefix>/namespaces/<namespace>}. */
  public String objectPrefix(String namespace) {
    return (prefix.isEmpty() ? "" : prefix + "/") + NAMESPACES + "/" + namespace;
  }

  /**
   * The raw prefix a branch based on {@code base} reads: production's prefix for a production base,
   * the base's own prefix otherwise; empty when the base cannot be placed.
   */
  public Optional<String> rawPrefixOf(String name, Optional<Namespace> base) {
    Placement placement = place(name, base);
    return switch (placement.kind()) {
      case PRODUCTION -> Optional.of(prefix);
      case ISOLATED, BRANCH -> placement.profile().flatMap(NamespaceProfile::objectPrefix);
      case UNRESOLVED -> Optional.empty();
    };
  }

  /** {@code <stem>_ns_<namespace, - as _>}; when longer than {@code max}, cut and ended by a hash of the namespace. */
  static String motherDuckName(String stem, String namespace, int max) {
    String name = stem + "_ns_" + namespace.replace('-', '_');
    if (name.length() <= max) {
      return name;
    }
    String tail = "_" + KubeNames.hash(namespace, HASH_CHARS);
    String cut = name.substring(0, max - tail.length()).replaceAll("_+$", "");
    return cut + tail;
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }

  private static String trimSlashes(String value) {
    return value == null ? "" : value.strip().replaceAll("^/+|/+$", "");
  }
}
