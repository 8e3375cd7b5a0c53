package dev.eider.operator.api.branch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.eider.operator.api.ApiLimits;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** RoleBindings created in the branch namespace. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AccessSpec {

  @JsonPropertyDescription("Groups bound to `role` in the branch namespace, at most 100.")
  @Size(max = ApiLimits.MAX_BRANCH_ENTRIES)
  private List<@Size(max = ApiLimits.MAX_NAME_LENGTH) String> groups = new ArrayList<>();

  @JsonPropertyDescription("Users bound to `role` in the branch namespace, at most 100.")
  @Size(max = ApiLimits.MAX_BRANCH_ENTRIES)
  private List<@Size(max = ApiLimits.MAX_NAME_LENGTH) String> users = new ArrayList<>();

  @JsonPropertyDescription("ClusterRole granted: `view`, `edit` or `admin`, and only if the cluster admin allows it (operator setting `eider.branch.access-roles`, by default `view` and `edit`). Default `edit`.")
  @Default("edit")
  @Pattern("^(view|edit|admin)$")
  private String role;

  public List<String> getGroups() { return groups; }
  public void setGroups(List<String> groups) { this.groups = groups; }
  public List<String> getUsers() { return users; }
  public void setUsers(List<String> users) { this.users = users; }
  public String getRole() { return role; }
  public void setRole(String role) { this.role = role; }
}
