package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.ApiPatterns;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

/**
 * Per-asset overrides of the operator's Job defaults. Credentials come only through references to
 * Secrets (`envFrom`, `env[].valueFrom`), never as values in the spec.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkerSpec {

  @JsonPropertyDescription("Worker image for this asset's Jobs, a reference such as `registry.example/eider/worker:1.2`. Default: the operator's worker image.")
  @Size(max = 512)
  private String image;

  @JsonPropertyDescription("CPU and memory requests and limits of the worker container (at most 16 of each). Default: the operator's.")
  @SchemaFrom(type = WorkerResourcesSchema.class)
  private ResourceRequirements resources;

  @JsonPropertyDescription("Extra environment variables; secrets must use `valueFrom.secretKeyRef`, never `value`. At most 100.")
  @Size(max = ApiLimits.MAX_ENV)
  private List<EnvVar> env;

  @JsonPropertyDescription("Secrets and ConfigMaps whose keys become environment variables, for example Bluesky or R2 credentials. At most 100.")
  @Size(max = ApiLimits.MAX_ENV)
  private List<EnvFromSource> envFrom;

  @JsonPropertyDescription("ServiceAccount the Jobs run as. Default: the operator's worker ServiceAccount.")
  @Pattern(ApiPatterns.DNS_SUBDOMAIN)
  private String serviceAccountName;

  @JsonPropertyDescription("Longest a run may take before Kubernetes stops it, a duration such as `30m`. Default: the operator's.")
  @Pattern(ApiPatterns.DURATION)
  private String timeout;

  public String getImage() { return image; }
  public void setImage(String image) { this.image = image; }
  public ResourceRequirements getResources() { return resources; }
  public void setResources(ResourceRequirements resources) { this.resources = resources; }
  public List<EnvVar> getEnv() { return env; }
  public void setEnv(List<EnvVar> env) { this.env = env; }
  public List<EnvFromSource> getEnvFrom() { return envFrom; }
  public void setEnvFrom(List<EnvFromSource> envFrom) { this.envFrom = envFrom; }
  public String getServiceAccountName() { return serviceAccountName; }
  public void setServiceAccountName(String serviceAccountName) { this.serviceAccountName = serviceAccountName; }
  public String getTimeout() { return timeout; }
  public void setTimeout(String timeout) { this.timeout = timeout; }
}
