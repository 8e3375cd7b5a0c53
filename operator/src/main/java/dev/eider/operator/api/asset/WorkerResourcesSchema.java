package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.eider.operator.api.ApiLimits;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceClaim;
import java.util.List;
import java.util.Map;

/**
 * The CRD schema of {@code spec.worker.resources}, never instantiated: Kubernetes'
 * ResourceRequirements (the Java type stays fabric8's) with its maps and list bounded, which the
 * fabric8 model cannot say. Each entry is validated by the operator and copied into every Job.
 */
final class WorkerResourcesSchema {

  @JsonProperty
  @Size(max = ApiLimits.MAX_RESOURCES)
  List<ResourceClaim> claims;

  @JsonProperty
  @Size(max = ApiLimits.MAX_RESOURCES)
  Map<String, Quantity> limits;

  @JsonProperty
  @Size(max = ApiLimits.MAX_RESOURCES)
  Map<String, Quantity> requests;

  private WorkerResourcesSchema() {}
}
