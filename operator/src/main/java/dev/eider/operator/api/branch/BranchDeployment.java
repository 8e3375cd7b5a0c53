package dev.eider.operator.api.branch;

import dev.eider.operator.api.asset.Asset;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.DATE;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING;

/**
 * A git branch's own copy of the platform: a namespace, a staging database cloned from production
 * and the base namespace's assets pointed at both. Cluster-scoped because it owns a namespace.
 */
@Group(Asset.GROUP)
@Version(Asset.VERSION)
@Singular("branchdeployment")
@Plural("branchdeployments")
@ShortNames("bd")
@Categories("eider")
@AdditionalPrinterColumn(name = "Branch", type = STRING, jsonPath = ".spec.branch")
@AdditionalPrinterColumn(name = "Commit", type = STRING, jsonPath = ".spec.commit")
@AdditionalPrinterColumn(name = "Namespace", type = STRING, jsonPath = ".status.namespace")
@AdditionalPrinterColumn(name = "Ready", type = STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
// STRING, not DATE: kubectl shows a DATE column as an age, and a time to come as "<invalid>".
@AdditionalPrinterColumn(name = "Expires", type = STRING, jsonPath = ".status.expiresAt", priority = 1)
@AdditionalPrinterColumn(name = "Age", type = DATE, jsonPath = ".metadata.creationTimestamp")
public class BranchDeployment extends CustomResource<BranchDeploymentSpec, BranchDeploymentStatus> {}
