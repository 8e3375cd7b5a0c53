package dev.eider.operator.api.branch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.ApiPatterns;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** The branch to deploy and how its environment differs from the base namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BranchDeploymentSpec {

  @JsonPropertyDescription("Git branch name as it is, for example `feature/top-links`; the namespace name is derived from it.")
  @Required
  @Size(min = 1, max = 255)
  private String branch;

  @JsonPropertyDescription("Commit SHA deployed (7 to 40 hex digits); a new value re-syncs the branch's assets.")
  @Pattern("^[0-9a-f]{7,40}$")
  private String commit;

  @JsonPropertyDescription("The pull request this branch belongs to, if any; shown in labels and status.")
  private PullRequestRef pullRequest;

  @JsonPropertyDescription("Namespace running production: its assets are copied and compared against, its database is cloned. The cluster admin allows it (label `eider.dev/branch-base: \"true\"` or operator setting `eider.branch.base-namespaces`); never a system namespace, the operator's or a branch's.")
  @Required
  @Pattern(ApiPatterns.DNS_LABEL)
  @Size(max = 63)
  private String baseNamespace;

  @JsonPropertyDescription("Where the branch's assets come from.")
  private AssetSource assets;

  @JsonPropertyDescription("Changes applied to every asset copied into the branch.")
  private BranchOverrides overrides;

  @JsonPropertyDescription("The branch's staging database.")
  private DatabaseSpec database;

  @JsonPropertyDescription("Names of Secrets in the base namespace to copy into the branch namespace (an allow-list: nothing else is copied), at most 100. Only Secrets labelled `eider.dev/branch-copy: \"true\"` are ever copied.")
  @Size(max = ApiLimits.MAX_BRANCH_ENTRIES)
  private List<@Size(max = ApiLimits.MAX_NAME_LENGTH) String> secrets = new ArrayList<>();

  @JsonPropertyDescription("Who may work in the branch namespace.")
  private AccessSpec access;

  @JsonPropertyDescription("The branch's data diff of its rebuilt tables against production's (on by default).")
  private DataDiffSpec dataDiff;

  @JsonPropertyDescription("Delete the branch deployment after this long without a spec change, for example `72h`. Omitted: never.")
  @Pattern(ApiPatterns.DURATION)
  private String ttl;

  public String getBranch() { return branch; }
  public void setBranch(String branch) { this.branch = branch; }
  public String getCommit() { return commit; }
  public void setCommit(String commit) { this.commit = commit; }
  public PullRequestRef getPullRequest() { return pullRequest; }
  public void setPullRequest(PullRequestRef pullRequest) { this.pullRequest = pullRequest; }
  public String getBaseNamespace() { return baseNamespace; }
  public void setBaseNamespace(String baseNamespace) { this.baseNamespace = baseNamespace; }
  public AssetSource getAssets() { return assets; }
  public void setAssets(AssetSource assets) { this.assets = assets; }
  public BranchOverrides getOverrides() { return overrides; }
  public void setOverrides(BranchOverrides overrides) { this.overrides = overrides; }
  public DatabaseSpec getDatabase() { return database; }
  public void setDatabase(DatabaseSpec database) { this.database = database; }
  public List<String> getSecrets() { return secrets; }
  public void setSecrets(List<String> secrets) { this.secrets = secrets; }
  public AccessSpec getAccess() { return access; }
  public void setAccess(AccessSpec access) { this.access = access; }
  public String getTtl() { return ttl; }
  public void setTtl(String ttl) { this.ttl = ttl; }
  public DataDiffSpec getDataDiff() { return dataDiff; }
  public void setDataDiff(DataDiffSpec dataDiff) { this.dataDiff = dataDiff; }
}
