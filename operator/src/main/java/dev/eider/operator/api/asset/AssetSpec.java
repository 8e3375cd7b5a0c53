package dev.eider.operator.api.asset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.ApiPatterns;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** What an Asset is made of and when it is made: one small section per concern. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaCustomizer.MergePatchCustomizer.class,
    input = "{\"oneOf\":[{\"required\":[\"ingest\"]},{\"required\":[\"transform\"]},{\"required\":[\"report\"]}]}")
public class AssetSpec {

  @JsonPropertyDescription("Free-form label to group assets in views, for example `ingestion` or `marts`.")
  @Pattern(ApiPatterns.DNS_LABEL)
  @Size(max = 63)
  private String group;

  @JsonPropertyDescription("What this asset holds, for people reading `kubectl get` and `kubectl describe`.")
  @Size(max = 1024)
  private String description;

  @JsonPropertyDescription("Fetch data from an external API into object storage. Exactly one of `ingest`, `transform` and `report` is set.")
  private IngestSpec ingest;

  @JsonPropertyDescription("Compute tables with SQL models in the warehouse. Exactly one of `ingest`, `transform` and `report` is set.")
  private TransformSpec transform;

  @JsonPropertyDescription("Render a report from the warehouse's tables (read-only) into object storage. Exactly one of "
      + "`ingest`, `transform` and `report` is set.")
  private ReportSpec report;

  @JsonPropertyDescription("Upstream assets this asset reads, in the same namespace, and which of their partitions each partition needs. At most 100.")
  @Size(max = ApiLimits.MAX_DEPS)
  private List<DependencySpec> deps = new ArrayList<>();

  @JsonPropertyDescription("How the asset is split into partitions. Omitted: one unpartitioned run materializes the whole asset.")
  private PartitionsSpec partitions;

  @JsonPropertyDescription("When partitions run by themselves. Omitted: only manual runs and backfills (annotation `eider.dev/materialize`).")
  private AutomationSpec automation;

  @JsonPropertyDescription("Concurrency pool the runs count against; limits are operator configuration. Omitted: no pool limit.")
  @Pattern(ApiPatterns.DNS_LABEL)
  @Size(max = 63)
  private String pool;

  @JsonPropertyDescription("How failed runs are retried by the operator (each attempt is a new Job).")
  private RetrySpec retry;

  @JsonPropertyDescription("Data quality checks run after each materialization; a failing blocking check holds downstream assets. At most 100.")
  @Size(max = ApiLimits.MAX_CHECKS)
  private List<CheckSpec> checks = new ArrayList<>();

  @JsonPropertyDescription("Overrides of the operator's defaults for this asset's Jobs: image, resources, environment from Secrets.")
  private WorkerSpec worker;

  public String getGroup() { return group; }
  public void setGroup(String group) { this.group = group; }
  public String getDescription() { return description; }
  public void setDescription(String description) { this.description = description; }
  public IngestSpec getIngest() { return ingest; }
  public void setIngest(IngestSpec ingest) { this.ingest = ingest; }
  public TransformSpec getTransform() { return transform; }
  public void setTransform(TransformSpec transform) { this.transform = transform; }
  public ReportSpec getReport() { return report; }
  public void setReport(ReportSpec report) { this.report = report; }
  public List<DependencySpec> getDeps() { return deps; }
  public void setDeps(List<DependencySpec> deps) { this.deps = deps; }
  public PartitionsSpec getPartitions() { return partitions; }
  public void setPartitions(PartitionsSpec partitions) { this.partitions = partitions; }
  public AutomationSpec getAutomation() { return automation; }
  public void setAutomation(AutomationSpec automation) { this.automation = automation; }
  public String getPool() { return pool; }
  public void setPool(String pool) { this.pool = pool; }
  public RetrySpec getRetry() { return retry; }
  public void setRetry(RetrySpec retry) { this.retry = retry; }
  public List<CheckSpec> getChecks() { return checks; }
  public void setChecks(List<CheckSpec> checks) { this.checks = checks; }
  public WorkerSpec getWorker() { return worker; }
  public void setWorker(WorkerSpec worker) { this.worker = worker; }
}
