package dev.eider.operator.api.asset;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.DATE;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.INTEGER;
import static io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type.STRING;

/**
 * A piece of data the platform keeps up to date: ingested from Bluesky or computed with SQL, split
 * into partitions, each materialized by one Kubernetes Job of the worker image.
 */
@Group(Asset.GROUP)
@Version(Asset.VERSION)
@Singular("asset")
@Plural("assets")
@ShortNames("ast")
@Categories("eider")
@AdditionalPrinterColumn(name = "Group", type = STRING, jsonPath = ".spec.group")
@AdditionalPrinterColumn(name = "Ready", type = STRING, jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Materialized", type = INTEGER, jsonPath = ".status.partitions.materialized")
@AdditionalPrinterColumn(name = "Partitions", type = INTEGER, jsonPath = ".status.partitions.total")
@AdditionalPrinterColumn(name = "Code", type = STRING, jsonPath = ".status.codeVersion.state")
@AdditionalPrinterColumn(name = "Last", type = DATE, jsonPath = ".status.lastMaterialization.finishedAt")
@AdditionalPrinterColumn(name = "Next", type = STRING, jsonPath = ".status.nextRunAt", priority = 1)
@AdditionalPrinterColumn(name = "Age", type = DATE, jsonPath = ".metadata.creationTimestamp")
public class Asset extends CustomResource<AssetSpec, AssetStatus> implements Namespaced {

  public static final String GROUP = "eider.dev";
  public static final String VERSION = "v1alpha1";
}
