package dev.eider.operator.branch.assets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.AssetSpec;
import dev.eider.operator.api.asset.WorkerSpec;
import dev.eider.operator.api.branch.BranchOverrides;
import dev.eider.operator.branch.BranchLabels;
import dev.eider.operator.platform.KubeNames;
import dev.eider.operator.platform.Labels;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A base asset as it runs in a branch: the same spec with the branch's overrides applied (the
 * branch's worker image; cron schedules suspended unless the branch keeps them), labelled as the
 * branch's, annotated with where it came from and the hashes that tell when it is out of date.
 * Partition limits and the database and object prefix are not in the copy: they come from the
 * branch namespace's annotations, so assets synced by GitOps get them too.
 */
public final class AssetCopies {

  private AssetCopies() {}

  /** The source's spec with the overrides applied; the source is not changed. */
  public static AssetSpec applyOverrides(AssetSpec source, BranchOverrides overrides) {
    AssetSpec copy = Serialization.clone(source);
    if (overrides != null && overrides.getImage() != null && !overrides.getImage().isBlank()) {
      if (copy.getWorker() == null) {
        copy.setWorker(new WorkerSpec());
      }
      copy.getWorker().setImage(overrides.getImage());
    }
    if (suspendsCron(overrides) && copy.getAutomation() != null && copy.getAutomation().getCron() != null) {
      copy.getAutomation().getCron().setSuspend(true);
    }
    return copy;
  }

  /** Cron schedules are suspended in a branch unless its overrides say {@code cron: keep}. */
  public static boolean suspendsCron(BranchOverrides overrides) {
    return overrides == null || overrides.getAutomation() == null || overrides.getAutomation().getCron() == null
        || overrides.getAutomation().getCron() == BranchOverrides.AutomationOverride.Cron.SUSPEND;
  }

  /**
   * The copy of {@code source} in {@code namespace}: source labels plus the branch's, and only the
   * operator's annotations (a source's {@code eider.dev/materialize} must not start runs in the branch).
   */
  public static Asset copy(Asset source, String namespace, String deployment, BranchOverrides overrides, String commit) {
    return copy(source, namespace, deployment, overrides, commit, false);
  }

  /**
   * The copy; {@code reused}: the branch's plan takes it from the base unchanged, so it is annotated
   * {@value Labels#REUSED_FROM_ANNOTATION} and does not run.
   */
  public static Asset copy(Asset source, String namespace, String deployment, BranchOverrides overrides, String commit,
                           boolean reused) {
    Map<String, String> labels = new LinkedHashMap<>();
    if (source.getMetadata().getLabels() != null) {
      labels.putAll(source.getMetadata().getLabels());
    }
    // The copy is the operator's: its recommended labels replace any the source carries.
    labels.putAll(Labels.recommended(Labels.NAME_BRANCH, BranchLabels.labelValue(deployment), "asset-copy"));
    labels.put(BranchLabels.BRANCH_DEPLOYMENT, BranchLabels.labelValue(deployment));
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(BranchLabels.COPIED_FROM_ANNOTATION, source.getMetadata().getNamespace() + "/" + source.getMetadata().getName());
    annotations.put(BranchLabels.SOURCE_SPEC_HASH_ANNOTATION, specHash(source.getSpec()));
    annotations.put(BranchLabels.SYNC_ANNOTATION, syncKey(source.getSpec(), overrides, commit, reused));
    if (reused) {
      annotations.put(Labels.REUSED_FROM_ANNOTATION, source.getMetadata().getNamespace());
    }
    Asset copy = new Asset();
    copy.setMetadata(new ObjectMetaBuilder().withName(source.getMetadata().getName()).withNamespace(namespace)
        .withLabels(labels).withAnnotations(annotations).build());
    copy.setSpec(applyOverrides(source.getSpec(), overrides));
    return copy;
  }

  /** Hash of a spec's canonical JSON (keys sorted, empty values dropped). */
  public static String specHash(AssetSpec spec) {
    return KubeNames.hash(canonical(spec).toString(), 16);
  }

  /** What a copy was made from: the source's spec, the overrides and the commit. A copy whose key differs is out of date. */
  public static String syncKey(AssetSpec source, BranchOverrides overrides, String commit) {
    return syncKey(source, overrides, commit, false);
  }

  /** The key of a copy, which the branch's plan reuses from the base or not. */
  public static String syncKey(AssetSpec source, BranchOverrides overrides, String commit, boolean reused) {
    return KubeNames.hash(specHash(source) + "\n" + canonical(overrides) + "\n" + (commit == null ? "" : commit)
        + (reused ? "\nreused" : ""), 16);
  }

  /** Fingerprint of everything a sync copies: the selected sources (names and specs), the overrides and the commit. */
  public static String fingerprint(List<Asset> sources, BranchOverrides overrides, String commit) {
    return fingerprint(sources, overrides, commit, java.util.Set.of());
  }

  /** The same, and which copies the branch's plan reuses from the base. */
  public static String fingerprint(List<Asset> sources, BranchOverrides overrides, String commit, java.util.Set<String> reused) {
    Map<String, String> byName = new TreeMap<>();
    sources.forEach(source -> byName.put(source.getMetadata().getName(), specHash(source.getSpec())
        + (reused.contains(source.getMetadata().getName()) ? "+reused" : "")));
    return KubeNames.hash(byName + "\n" + canonical(overrides) + "\n" + (commit == null ? "" : commit), 16);
  }

  /** A JSON tree with sorted keys and without nulls, empty arrays and empty objects, so equal meanings compare equal. */
  public static JsonNode canonical(Object value) {
    JsonNode tree = value == null ? Serialization.jsonMapper().nullNode() : Serialization.jsonMapper().valueToTree(value);
    return prune(tree);
  }

  static JsonNode prune(JsonNode node) {
    if (node.isObject()) {
      ObjectNode sorted = Serialization.jsonMapper().createObjectNode();
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(String::compareTo);
      for (String name : names) {
        JsonNode child = prune(node.get(name));
        if (!isEmpty(child)) {
          sorted.set(name, child);
        }
      }
      return sorted;
    }
    if (node.isArray()) {
      ArrayNode array = Serialization.jsonMapper().createArrayNode();
      for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
        array.add(prune(it.next()));
      }
      return array;
    }
    return node;
  }

  static boolean isEmpty(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() || (node.isContainerNode() && node.isEmpty());
  }
}
