package dev.eider.operator.ui;

import static dev.eider.operator.ui.Html.segment;

import dev.eider.operator.api.branch.BranchDeployment;
import dev.eider.operator.api.branch.BranchDeploymentStatus;
import dev.eider.operator.api.branch.BranchPlan;
import dev.eider.operator.api.branch.DataDiffStatus;
import dev.eider.operator.api.branch.DataDiffTable;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Branch deployments: the list, and one branch with its namespace, database, conditions, changes, plan and TTL left. */
final class BranchPage {

  private BranchPage() {
  }

  static String list(List<BranchDeployment> branches, Instant now) {
    Page page = new Page("Branch deployments");
    page.h1("Branch deployments");
    if (branches.isEmpty()) {
      page.p("muted", "No BranchDeployments (or none this operator handles).");
      return page.end();
    }
    page.tableHead("branches", "name", "branch", "namespace", "ready", "changes", "TTL left");
    for (BranchDeployment branch : branches.stream().sorted(Comparator.comparing(b -> b.getMetadata().getName())).toList()) {
      BranchDeploymentStatus status = branch.getStatus();
      String name = branch.getMetadata().getName();
      page.raw("<tr data-branch=\"").text(name).raw("\"><td><a href=\"/ui/branches/").text(segment(name)).raw("\">").text(name)
          .raw("</a></td><td>").text(branch.getSpec() == null ? "" : branch.getSpec().getBranch()).raw("</td><td>");
      namespaceLink(page, status);
      page.raw("</td><td>").text(ready(status)).raw("</td><td>").text(status == null ? 0 : status.getChanges().size())
          .raw("</td><td>").text(ttlLeft(status, now)).raw("</td></tr>");
    }
    page.tableEnd();
    return page.end();
  }

  static String render(BranchDeployment branch, Instant now) {
    String name = branch.getMetadata().getName();
    BranchDeploymentStatus status = branch.getStatus();
    Page page = new Page(name, "/ui/branches", "branches");
    page.h1("Branch deployment " + name);
    page.tableHead("summary", "field", "value");
    var spec = branch.getSpec();
    page.row("branch", spec == null ? "" : spec.getBranch());
    page.row("commit", spec == null ? "" : spec.getCommit());
    if (spec != null && spec.getPullRequest() != null) {
      page.row("pull request", "#" + spec.getPullRequest().getNumber() + " " + (spec.getPullRequest().getUrl() == null ? "" : spec.getPullRequest().getUrl()));
    }
    page.row("base namespace", spec == null ? "" : spec.getBaseNamespace());
    page.raw("<tr><td>namespace</td><td id=\"branch-namespace\">");
    namespaceLink(page, status);
    page.raw("</td></tr>");
    page.row("ready", ready(status));
    page.row("TTL left", ttlLeft(status, now));
    page.row("expires at", status == null ? "" : Times.of(status.getExpiresAt()));
    page.row("synced commit", status == null ? "" : status.getSyncedCommit());
    page.tableEnd();

    page.h2("database", "Staging database");
    if (status == null || status.getDatabase() == null) {
      page.p("muted", "No database yet.");
    } else {
      var db = status.getDatabase();
      page.tableHead("database", "name", "phase", "ready", "cloned from", "cloned at", "attempt", "message");
      page.row(db.getName(), db.getPhase(), db.getReady(), db.getSource(), Times.of(db.getClonedAt()), db.getAttempt(), db.getMessage());
      page.tableEnd();
    }

    page.h2("conditions", "Conditions");
    List<Condition> conditions = status == null ? List.of() : status.getConditions();
    if (conditions.isEmpty()) {
      page.p("muted", "No conditions yet.");
    } else {
      page.tableHead("conditions", "type", "status", "reason", "message", "since");
      for (Condition c : conditions) {
        page.row(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), Times.of(c.getLastTransitionTime()));
      }
      page.tableEnd();
    }

    page.h2("changes", "Changes against the base");
    List<BranchDeploymentStatus.AssetChange> changes = status == null ? List.of() : status.getChanges();
    if (changes.isEmpty()) {
      page.p("muted", "No asset differs from the base namespace.");
    } else {
      page.tableHead("changes", "asset", "change", "spec differs", "models differ");
      for (BranchDeploymentStatus.AssetChange change : changes) {
        page.raw("<tr class=\"change\" data-asset=\"").text(change.getAsset()).raw("\" data-change=\"").text(change.getChange()).raw("\"><td>")
            .text(change.getAsset()).raw("</td><td>").text(change.getChange()).raw("</td><td>").text(change.getSpec() == null ? "" : change.getSpec())
            .raw("</td><td>").text(change.getModels() == null ? "" : String.join(", ", change.getModels())).raw("</td></tr>");
      }
      page.tableEnd();
    }

    page.h2("plan", "Plan");
    BranchPlan plan = status == null ? null : status.getPlan();
    if (plan == null) {
      page.p("muted", "No plan yet.");
    } else {
      page.tableHead("plan", "asset", "built because", "upstream change");
      for (BranchPlan.Rebuild rebuild : plan.getRebuild()) {
        page.row(rebuild.getAsset(), rebuild.getReason(), rebuild.getUpstream());
      }
      page.tableEnd();
      page.raw("<p>Taken from the base unchanged: ").text(plan.getReuse().isEmpty() ? "none" : String.join(", ", plan.getReuse()))
          .text(plan.getOmitted() == null || plan.getOmitted() == 0 ? "" : " (" + plan.getOmitted() + " more left out)").raw("</p>");
    }
    dataDiff(page, status == null ? null : status.getDataDiff());
    return page.end();
  }

  /** The branch's tables against production's, once the diff asset ran (spec.dataDiff). */
  private static void dataDiff(Page page, DataDiffStatus diff) {
    page.h2("data-diff", "Data diff");
    if (diff == null) {
      page.p("muted", "No data diff for this branch.");
      return;
    }
    page.raw("<p id=\"data-diff-summary\">").text((diff.getPhase() == null ? "" : diff.getPhase() + ": ")
        + (diff.getTablesDiffering() == null ? "?" : diff.getTablesDiffering()) + " of "
        + (diff.getTablesCompared() == null ? "?" : diff.getTablesCompared()) + " tables differ from " + (diff.getBase() == null ? "the base" : diff.getBase())
        + (diff.getFinishedAt() == null ? "" : ", computed " + Times.of(diff.getFinishedAt()))
        + (diff.getMessage() == null ? "" : ". " + diff.getMessage())).raw("</p>");
    if (!diff.getTables().isEmpty()) {
      page.tableHead("data-diff", "table", "differs", "rows (base → branch)", "added", "removed", "changed", "columns", "note");
      for (DataDiffTable table : diff.getTables()) {
        List<String> columns = new java.util.ArrayList<>();
        addColumns(columns, "added", table.getColumnsAdded());
        addColumns(columns, "removed", table.getColumnsRemoved());
        addColumns(columns, "retyped", table.getColumnsRetyped());
        addColumns(columns, "changed", table.getColumnsChanged());
        page.raw("<tr class=\"diff\" data-table=\"").text(table.getTable()).raw("\">");
        for (Object cell : new Object[] {table.getTable(), Boolean.TRUE.equals(table.getDiffers()) ? "yes" : "no",
            table.getBaseRows() + " → " + table.getBranchRows(), table.getAdded(), table.getRemoved(), table.getChanged(),
            String.join("; ", columns), table.getNote()}) {
          page.raw("<td>").text(cell).raw("</td>");
        }
        page.raw("</tr>");
      }
      page.tableEnd();
    }
    if (diff.getTablesOmitted() != null && diff.getTablesOmitted() > 0) {
      page.p("muted", diff.getTablesOmitted() + " more tables are only in the report.");
    }
    if (diff.getReport() != null) {
      page.raw("<p>Full report: <code id=\"data-diff-report\">").text(diff.getReport()).raw("</code></p>");
    }
  }

  private static void addColumns(List<String> out, String what, List<String> columns) {
    if (columns != null && !columns.isEmpty()) {
      out.add(what + ": " + String.join(", ", columns));
    }
  }

  private static void namespaceLink(Page page, BranchDeploymentStatus status) {
    if (status != null && status.getNamespace() != null) {
      page.raw("<a href=\"/ui/ns/").text(segment(status.getNamespace())).raw("\">").text(status.getNamespace()).raw("</a>");
    }
  }

  private static String ready(BranchDeploymentStatus status) {
    return status == null ? "" : status.getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst()
        .map(c -> c.getStatus() + (c.getReason() == null ? "" : " (" + c.getReason() + ")")).orElse("");
  }

  /** Time until the TTL deletes the branch, e.g. {@code 2d 3h}; empty without a TTL. */
  static String ttlLeft(BranchDeploymentStatus status, Instant now) {
    if (status == null || status.getExpiresAt() == null) {
      return "no TTL";
    }
    Instant expires;
    try {
      expires = Instant.parse(status.getExpiresAt());
    } catch (RuntimeException e) {
      return "unreadable expiresAt";
    }
    Duration left = Duration.between(now, expires);
    if (left.isNegative() || left.isZero()) {
      return "expired";
    }
    long days = left.toDays();
    return days > 0 ? days + "d " + left.toHoursPart() + "h" : left.toHours() > 0 ? left.toHours() + "h " + left.toMinutesPart() + "m"
        : left.toMinutes() + "m";
  }
}
