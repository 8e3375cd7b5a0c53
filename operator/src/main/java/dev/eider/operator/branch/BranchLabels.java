package dev.eider.operator.branch;

import dev.eider.operator.platform.KubeNames;
import dev.eider.operator.platform.NamespaceProfiles;

/** Labels and annotations of what a BranchDeployment creates, and the annotations users set on it. */
public final class BranchLabels {

  /** On everything a BranchDeployment creates; its value is {@link #labelValue} of the BranchDeployment's name. */
  public static final String BRANCH_DEPLOYMENT = NamespaceProfiles.BRANCH_LABEL;
  /** The branch, as {@link BranchNames#key()} (labels cannot hold slashes or 255 characters). */
  public static final String BRANCH = "eider.dev/branch";
  public static final String COMMIT = "eider.dev/commit";
  public static final String PULL_REQUEST = "eider.dev/pull-request";
  /** Annotation with the branch exactly as given. */
  public static final String BRANCH_NAME_ANNOTATION = "eider.dev/branch-name";
  /** Annotation with the full name of the BranchDeployment (its label value may be shortened). */
  public static final String DEPLOYMENT_NAME_ANNOTATION = "eider.dev/branch-deployment-name";
  public static final String PULL_REQUEST_URL_ANNOTATION = "eider.dev/pull-request-url";

  /** Annotation of a copied Secret or Asset: {@code <base namespace>/<name>} it was copied from. */
  public static final String COPIED_FROM_ANNOTATION = "eider.dev/copied-from";
  /** Annotation of a copied Asset: hash of its source's spec when it was copied. */
  public static final String SOURCE_SPEC_HASH_ANNOTATION = "eider.dev/source-spec-hash";
  /** Annotation of a copied Asset: hash of source spec, commit and overrides it was copied with. */
  public static final String SYNC_ANNOTATION = "eider.dev/sync";

  /** Annotation of a copied ConfigMap of models: hash of the data it was copied with (a different hash: edited in the branch). */
  public static final String SOURCE_DATA_HASH_ANNOTATION = "eider.dev/source-data-hash";

  /** Label of the clone and drop Jobs: {@code clone} or {@code drop}. */
  public static final String DATABASE_OP = "eider.dev/database-op";

  /** Set on a BranchDeployment to any new value to clone production into its staging database again. */
  public static final String RESET_DATABASE_ANNOTATION = "eider.dev/reset-database";

  /**
   * Label a cluster admin sets to {@code "true"} on a Namespace that BranchDeployments may name as
   * {@code spec.baseNamespace} (besides those in {@code eider.branch.base-namespaces}).
   */
  public static final String BASE_NAMESPACE = "eider.dev/branch-base";
  /**
   * Label set to {@code "true"} on a Secret of a base namespace that branches may copy: the
   * operator watches only these, so a Secret that does not opt in is never read, let alone copied.
   */
  public static final String COPY_SECRET = "eider.dev/branch-copy";
  /** The value both opt-in labels take. */
  public static final String OPT_IN = "true";

  private BranchLabels() {}

  /** A BranchDeployment's name as a label value: itself when it fits 63 characters, else cut with a hash. */
  public static String labelValue(String deploymentName) {
    if (deploymentName.length() <= KubeNames.LABEL_MAX) {
      return deploymentName;
    }
    return KubeNames.join(deploymentName.substring(0, KubeNames.LABEL_MAX), KubeNames.hash(deploymentName, 8), KubeNames.LABEL_MAX);
  }
}
