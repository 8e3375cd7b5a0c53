package dev.eider.operator.ui;

import static dev.eider.operator.ui.Html.segment;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.CheckResult;
import dev.eider.operator.api.asset.Materialization;
import dev.eider.operator.api.asset.PartitionsSpec;
import dev.eider.operator.api.asset.ReportSpec;
import dev.eider.operator.asset.history.RunHistory;
import dev.eider.operator.asset.history.RunRecord;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.api.asset.AssetConditions;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One asset: its state and conditions, the partitions (counted by state, then one page of
 * {@value #PAGE_SIZE}, so 100,000 partitions cost one page of rows), checks and freshness, recent
 * Events, the run history with log tails, the report it renders and the kubectl commands to run it.
 */
final class AssetPage {

  static final int PAGE_SIZE = 100;
  /** The partition filter's values: a phase of {@link PartitionState.Phase}, or never run. */
  static final String NEVER_RUN = "NEVER_RUN";
  private static final String EIDER_ANNOTATIONS = "eider.dev/";

  /** What the page shows besides the Asset itself, each read from a cache by the caller. */
  record Data(Collection<PartitionState> partitions, RunHistory runs, String runsProblem, List<Event> events, boolean eventsUnavailable) {
  }

  private AssetPage() {
  }

  /**
   * @param pageNumber 1-based page of partitions (past the last page shows the last)
   * @param phase null for every partition, else a {@link PartitionState.Phase} name or {@link #NEVER_RUN}
   */
  static String render(Asset asset, Data data, int pageNumber, String phase) {
    String namespace = asset.getMetadata().getNamespace();
    String name = asset.getMetadata().getName();
    String nsLink = "/ui/ns/" + segment(namespace);
    String self = nsLink + "/assets/" + segment(name);
    AssetState state = AssetState.of(asset);
    Page page = new Page(name, nsLink, namespace);
    page.raw("<h1>").text(name).raw(" <span class=\"badge state-").raw(state.label()).raw("\" id=\"state\">").text(state.label())
        .raw("</span></h1>");
    page.raw("<p id=\"why\">").text(AssetState.why(asset)).raw("</p>");
    if (asset.getSpec() != null) {
      page.raw("<p class=\"muted\">").text(describe(asset)).raw("</p>");
    }
    metadata(page, asset);
    conditions(page, asset);
    report(page, asset);
    partitions(page, asset, data.partitions(), pageNumber, phase, self);
    checks(page, asset);
    events(page, data);
    runs(page, data);
    commands(page, asset, data.partitions());
    return page.end();
  }

  private static String describe(Asset asset) {
    var spec = asset.getSpec();
    List<String> parts = new ArrayList<>();
    if (spec.getGroup() != null) {
      parts.add("group " + spec.getGroup());
    }
    parts.add(spec.getIngest() != null ? "ingest" : spec.getTransform() != null ? "transform" : spec.getReport() != null ? "report" : "");
    if (spec.getDeps() != null && !spec.getDeps().isEmpty()) {
      parts.add("reads " + String.join(", ", spec.getDeps().stream().map(d -> d.getAsset()).toList()));
    }
    if (spec.getDescription() != null) {
      parts.add(spec.getDescription());
    }
    return String.join(" · ", parts.stream().filter(p -> !p.isEmpty()).toList());
  }

  /**
   * Labels, and the annotations Eider reads (manual runs): other annotations are left out, since
   * kubectl's last-applied-configuration holds the whole spec, worker environment values included.
   */
  private static void metadata(Page page, Asset asset) {
    Map<String, String> shown = new java.util.TreeMap<>();
    if (asset.getMetadata().getLabels() != null) {
      shown.putAll(asset.getMetadata().getLabels());
    }
    if (asset.getMetadata().getAnnotations() != null) {
      asset.getMetadata().getAnnotations().forEach((key, value) -> {
        if (key.startsWith(EIDER_ANNOTATIONS)) {
          shown.put(key, value);
        }
      });
    }
    if (!shown.isEmpty()) {
      page.raw("<p class=\"labels\">");
      shown.forEach((key, value) -> page.raw("<code>").text(key + "=" + value).raw("</code> "));
      page.raw("</p>");
    }
  }

  private static void conditions(Page page, Asset asset) {
    page.h2("conditions", "Conditions");
    List<Condition> conditions = asset.getStatus() == null ? List.of() : asset.getStatus().getConditions();
    if (conditions.isEmpty()) {
      page.p("muted", "No conditions yet: the operator has not reconciled this asset.");
      return;
    }
    page.tableHead("conditions", "type", "status", "reason", "message", "since");
    for (Condition c : conditions) {
      page.raw("<tr data-condition=\"").text(c.getType()).raw("\">").raw("<td>").text(c.getType()).raw("</td><td>").text(c.getStatus())
          .raw("</td><td>").text(c.getReason()).raw("</td><td>").text(c.getMessage()).raw("</td><td>").text(Times.of(c.getLastTransitionTime()))
          .raw("</td></tr>");
    }
    page.tableEnd();
  }

  /** A report asset: where its page is. The operator holds no object-storage credentials, so a path, not a download. */
  private static void report(Page page, Asset asset) {
    if (asset.getSpec() == null || asset.getSpec().getReport() == null) {
      return;
    }
    var report = asset.getSpec().getReport();
    page.h2("report", "Report");
    Materialization last = asset.getStatus() == null ? null : asset.getStatus().getLastMaterialization();
    String object = last == null || last.getMetadata() == null || !last.getMetadata().path("object").isTextual() ? null
        : last.getMetadata().path("object").asText();
    String kind = report.getKind() == null ? "report" : report.getKind() == ReportSpec.Kind.DASHBOARD ? "dashboard" : "data diff";
    page.raw("<p>").text(report.getTitle() != null ? report.getTitle() : report.getKind() == ReportSpec.Kind.DASHBOARD
        ? "Bluesky dashboard" : "Report").raw(" (").text(kind).raw("), written to <code>")
        .text(report.getOutput()).raw("</code> under the namespace's object prefix.</p>");
    if (object != null) {
      page.raw("<p>Latest page: <code id=\"report-object\">").text(object).raw("</code>").raw(" rendered ")
          .text(Times.of(last.getFinishedAt())).raw(". Open it with your object-storage client, e.g. <code>aws s3 cp ").text(object)
          .raw(" .</code>").raw(report.getKind() == ReportSpec.Kind.DASHBOARD
          ? " and open it in a browser (one self-contained page).</p>" : "</p>");
    } else {
      page.p("muted", "Not rendered yet.");
    }
  }

  private static void partitions(Page page, Asset asset, Collection<PartitionState> partitions, int pageNumber, String phase, String self) {
    page.h2("partitions", "Partitions");
    if (asset.getStatus() != null && asset.getStatus().getPartitions() != null) {
      var c = asset.getStatus().getPartitions();
      page.tableHead("counts status-counts", "total", "materialized", "running", "queued", "failed", "missing");
      page.row(num(c.getTotal()), num(c.getMaterialized()), num(c.getRunning()), num(c.getQueued()), num(c.getFailed()), num(c.getMissing()));
      page.tableEnd();
    }
    Map<String, Integer> byPhase = new LinkedHashMap<>();
    for (PartitionState.Phase p : PartitionState.Phase.values()) {
      byPhase.put(p.name(), 0);
    }
    byPhase.put(NEVER_RUN, 0);
    for (PartitionState state : partitions) {
      byPhase.merge(phaseOf(state), 1, Integer::sum);
    }
    page.raw("<p class=\"pager\" id=\"partition-filter\">Recorded: <a href=\"").text(self + "#partitions").raw("\">all ")
        .text(partitions.size()).raw("</a>");
    byPhase.forEach((p, count) -> page.raw(" · <a data-phase=\"").text(p).raw("\" href=\"").text(self + "?state=" + p + "#partitions")
        .raw("\">").text(p.toLowerCase().replace('_', ' ') + " " + count).raw("</a>"));
    page.raw("</p>");
    List<PartitionState> shown = partitions.stream().filter(s -> phase == null || phase.equals(phaseOf(s)))
        .sorted(Comparator.comparing(PartitionState::key)).toList();
    int pages = Math.max(1, (shown.size() + PAGE_SIZE - 1) / PAGE_SIZE);
    int current = Math.min(Math.max(1, pageNumber), pages);
    List<PartitionState> rows = shown.subList((current - 1) * PAGE_SIZE, Math.min(shown.size(), current * PAGE_SIZE));
    if (shown.isEmpty()) {
      page.p("muted", partitions.isEmpty() ? "No partition has run yet." : "No partition in this state.");
    } else {
      Materialization last = asset.getStatus() == null ? null : asset.getStatus().getLastMaterialization();
      page.tableHead("partitions", "partition", "state", "attempt", "last run", "materialized", "next attempt", "error", "metadata");
      for (PartitionState s : rows) {
        String metadata = last != null && last.getMetadata() != null && s.key().equals(last.getPartition() == null ? "" : last.getPartition())
            ? last.getMetadata().toString() : "";
        page.raw("<tr class=\"partition\"><td>").text(s.key().isEmpty() ? "(unpartitioned)" : s.key()).raw("</td><td class=\"phase-")
            .text(phaseOf(s)).raw("\">").text(phaseOf(s).toLowerCase().replace('_', ' ')).raw("</td><td>").text(s.attempt() == 0 ? "" : s.attempt())
            .raw("</td><td>").text(Times.of(s.startedAt())).raw("</td><td>").text(Times.of(s.materializedAt())).raw("</td><td>").text(Times.of(s.nextAttemptAt()))
            .raw("</td><td>").text((s.reason() == null ? "" : s.reason() + ": ") + (s.error() == null ? "" : s.error())).raw("</td><td><code>")
            .text(metadata).raw("</code></td></tr>");
      }
      page.tableEnd();
      page.raw("<p class=\"pager\" id=\"pager\">Page ").text(current).raw(" of ").text(pages).raw(" (").text(shown.size()).raw(" partitions)");
      String filter = phase == null ? "" : "&state=" + phase;
      if (current > 1) {
        page.raw(" <a rel=\"prev\" href=\"").text(self + "?page=" + (current - 1) + filter + "#partitions").raw("\">previous</a>");
      }
      if (current < pages) {
        page.raw(" <a rel=\"next\" href=\"").text(self + "?page=" + (current + 1) + filter + "#partitions").raw("\">next</a>");
      }
      page.raw("</p>");
    }
  }

  static String phaseOf(PartitionState state) {
    return state.phase() == null || !state.everLaunched() ? NEVER_RUN : state.phase().name();
  }

  private static void checks(Page page, Asset asset) {
    page.h2("checks", "Checks and freshness");
    List<CheckResult> checks = asset.getStatus() == null ? List.of() : asset.getStatus().getChecks();
    if (checks.isEmpty()) {
      page.p("muted", "No check results.");
    } else {
      page.tableHead("checks", "check", "passed", "severity", "failing rows", "message", "evaluated");
      for (CheckResult check : checks) {
        page.row(check.getName(), Boolean.TRUE.equals(check.getPassed()) ? "passed" : "FAILED", check.getSeverity(), check.getFailingRows(),
            check.getMessage(), Times.of(check.getEvaluatedAt()));
      }
      page.tableEnd();
    }
    List<Condition> conditions = asset.getStatus() == null ? List.of() : asset.getStatus().getConditions();
    AssetState.condition(conditions, AssetConditions.FRESH).ifPresent(fresh -> page.raw("<p id=\"freshness\">Fresh: ")
        .text(fresh.getStatus() + " (" + fresh.getReason() + (fresh.getMessage() == null ? "" : ": " + fresh.getMessage()) + ")").raw("</p>"));
  }

  private static void events(Page page, Data data) {
    page.h2("events", "Recent Events");
    if (data.eventsUnavailable()) {
      page.p("muted", "Events cannot be read in this namespace (see the operator's log).");
    } else if (data.events().isEmpty()) {
      page.p("muted", "No Events in the last hour.");
    } else {
      page.tableHead("events", "time", "type", "reason", "message", "count");
      for (Event event : data.events()) {
        page.row(Times.of(OperatorClusterView.when(event)), event.getType(), event.getReason(), event.getMessage(), event.getCount());
      }
      page.tableEnd();
    }
  }

  private static void runs(Page page, Data data) {
    page.h2("runs", "Runs");
    if (data.runsProblem() != null) {
      page.p("muted", data.runsProblem());
      return;
    }
    if (data.runs().runs().isEmpty()) {
      page.p("muted", "No finished run recorded.");
      return;
    }
    page.raw("<p class=\"muted\">The last ").text(RunHistory.MAX_RUNS).raw(" runs are kept, with the end of each log, after their Jobs are gone.</p>");
    for (RunRecord run : data.runs().runs()) {
      page.raw("<details class=\"run\" data-job=\"").text(run.job()).raw("\" data-outcome=\"").text(run.outcome()).raw("\"><summary>")
          .raw("<code>").text(run.job()).raw("</code> ").text(run.outcome()).text(run.reason() == null ? "" : " (" + run.reason() + ")")
          .text(" · attempt " + run.attempt()).text(run.exitCode() == null ? "" : " · exit " + run.exitCode())
          .text(" · " + Times.of(run.finishedAt())).raw("</summary>");
      page.raw("<p>").text("started " + (run.startedAt() == null ? "never" : Times.of(run.startedAt())) + ", trigger "
          + (run.trigger() == null ? "-" : run.trigger()) + ", partitions " + run.partitionCount()
          + (run.partitions().isEmpty() ? "" : ": " + String.join(", ", run.partitions()))).raw("</p>");
      if (run.message() != null) {
        page.raw("<p class=\"run-message\">").text(run.message()).raw("</p>");
      }
      if (run.logTail() != null) {
        page.raw("<pre class=\"log\">").text(run.logTail()).raw("</pre>");
      } else {
        page.p("muted", "No log was kept for this run.");
      }
      page.raw("</details>");
    }
  }

  private static void commands(Page page, Asset asset, Collection<PartitionState> partitions) {
    String namespace = asset.getMetadata().getNamespace();
    String name = asset.getMetadata().getName();
    String ns = " -n " + Shell.quote(namespace);
    page.h2("commands", "Commands");
    StringBuilder commands = new StringBuilder();
    commands.append("kubectl eider status ").append(Shell.quote(name)).append(ns).append('\n');
    commands.append("kubectl eider materialize ").append(Shell.quote(name)).append(ns).append('\n');
    List<String> keys = keys(asset, partitions);
    if (!keys.isEmpty() && !keys.get(0).isEmpty()) {
      commands.append("kubectl eider materialize ").append(Shell.quote(name)).append(' ').append(Shell.quote(keys.get(0))).append(ns).append('\n');
      if (keys.size() > 1 && keys.stream().noneMatch(k -> k.contains(".."))) {
        commands.append("kubectl eider backfill ").append(Shell.quote(name)).append(' ')
            .append(Shell.quote(keys.get(0) + ".." + keys.get(keys.size() - 1))).append(ns).append('\n');
      }
    }
    commands.append("kubectl eider logs ").append(Shell.quote(name)).append(ns);
    page.raw("<pre class=\"command\" id=\"kubectl-commands\">").text(commands).raw("</pre>");
  }

  /** Known partition keys in order: the static ones, else those with recorded state. */
  private static List<String> keys(Asset asset, Collection<PartitionState> partitions) {
    PartitionsSpec spec = asset.getSpec() == null ? null : asset.getSpec().getPartitions();
    if (spec != null && spec.getStaticKeys() != null && !spec.getStaticKeys().isEmpty()) {
      return spec.getStaticKeys();
    }
    return partitions.stream().map(PartitionState::key).sorted().toList();
  }

  private static String num(Integer value) {
    return value == null ? "0" : value.toString();
  }
}
