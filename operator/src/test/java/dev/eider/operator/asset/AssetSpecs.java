package dev.eider.operator.asset;

import dev.eider.operator.api.asset.AssetSpec;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Asset specs for tests, written as a manifest's spec is: YAML (flow style welcome). */
public final class AssetSpecs {

  private AssetSpecs() {}

  /** {@code yaml} as an AssetSpec; the document marker makes a flow mapping ({@code {ingest: ...}}) read as YAML, not JSON. */
  public static AssetSpec spec(String yaml) {
    return Serialization.unmarshal("---\n" + yaml, AssetSpec.class);
  }
}
