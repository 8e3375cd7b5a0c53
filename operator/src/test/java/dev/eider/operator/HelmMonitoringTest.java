package dev.eider.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart's optional monitoring objects: ServiceMonitor, PrometheusRule (Prometheus Operator
 * kinds, whose CRDs the test cluster does not have, so their structure is checked here field by
 * field against the monitoring.coreos.com/v1 API) and the Grafana dashboard ConfigMap. That the
 * metrics they name are the ones the operator exports is checked against a real scrape by the e2e
 * OperatorMetricsTest.
 */
class HelmMonitoringTest {

  private static final String NAMESPACE = "eider-system";
  private static final Pattern METRIC = Pattern.compile("\\beider_[a-z_]+");
  static final Set<String> ALERTS = Set.of("EiderRunsFailing", "EiderPartitionsFailed", "EiderAssetStale", "EiderNoLeader",
      "EiderReconcileErrors");

  @TempDir Path temp;

  @Test
  void monitoringIsOffByDefault() {
    List<Map<String, Object>> objects = render(Map.of());
    assertThat(objects).extracting(o -> o.get("kind")).doesNotContain("ServiceMonitor", "PrometheusRule");
    assertThat(objects).filteredOn(o -> o.get("kind").equals("ConfigMap")).extracting(o -> name(o)).containsExactly("eider-config");
  }

  @Test
  void serviceMonitorSelectsTheMetricsServiceAndKeepsEidersNamespaceLabel() {
    List<Map<String, Object>> objects = render(Map.of("metrics.serviceMonitor.enabled", "true",
        "metrics.serviceMonitor.labels.release", "kube-prometheus-stack", "metrics.serviceMonitor.interval", "15s"));
    Map<String, Object> monitor = only(objects, "ServiceMonitor");
    assertThat(monitor).containsEntry("apiVersion", "monitoring.coreos.com/v1");
    assertThat(metadata(monitor)).containsEntry("name", "eider").containsEntry("namespace", NAMESPACE);
    assertThat(map(metadata(monitor), "labels")).containsEntry("release", "kube-prometheus-stack");
    Map<String, Object> spec = map(monitor, "spec");
    assertThat(spec.keySet()).containsExactlyInAnyOrder("namespaceSelector", "selector", "endpoints");
    assertThat(map(spec, "namespaceSelector")).isEqualTo(Map.of("matchNames", List.of(NAMESPACE)));

    // The selector matches the metrics Service, and only it (not the pods' other objects).
    Map<String, Object> selector = map(map(spec, "selector"), "matchLabels");
    List<Map<String, Object>> selected = objects.stream().filter(o -> o.get("kind").equals("Service"))
        .filter(o -> map(metadata(o), "labels").entrySet().containsAll(selector.entrySet())).toList();
    assertThat(selected).extracting(HelmMonitoringTest::name).containsExactly("eider-metrics");
    List<Map<String, Object>> ports = list(map(selected.get(0), "spec"), "ports");

    List<Map<String, Object>> endpoints = list(spec, "endpoints");
    assertThat(endpoints).singleElement().satisfies(endpoint -> {
      assertThat(endpoint).containsOnlyKeys("port", "path", "interval", "honorLabels")
          .containsEntry("path", "/q/metrics").containsEntry("interval", "15s").containsEntry("honorLabels", true);
      assertThat(ports).extracting(port -> port.get("name")).contains(endpoint.get("port"));
    });
  }

  @Test
  void serviceMonitorWithoutTheMetricsServiceIsRefused() {
    assertThatThrownBy(() -> render(Map.of("metrics.serviceMonitor.enabled", "true", "metrics.service.enabled", "false")))
        .hasMessageContaining("metrics.serviceMonitor.enabled needs metrics.service.enabled");
  }

  @Test
  void prometheusRuleHasTheFourKindsOfAlertsWithPrometheusTemplatesIntact() {
    Map<String, Object> rule = only(render(Map.of("metrics.prometheusRule.enabled", "true",
        "metrics.prometheusRule.labels.release", "kube-prometheus-stack")), "PrometheusRule");
    assertThat(rule).containsEntry("apiVersion", "monitoring.coreos.com/v1");
    assertThat(map(metadata(rule), "labels")).containsEntry("release", "kube-prometheus-stack");
    List<Map<String, Object>> groups = list(map(rule, "spec"), "groups");
    assertThat(groups).singleElement().satisfies(group -> assertThat(group).containsOnlyKeys("name", "rules"));
    List<Map<String, Object>> rules = list(groups.get(0), "rules");
    assertThat(rules).extracting(r -> r.get("alert")).containsExactlyInAnyOrderElementsOf(ALERTS);
    for (Map<String, Object> alert : rules) {
      // The fields of a Rule in monitoring.coreos.com/v1, and nothing Helm left unrendered.
      assertThat(alert).containsOnlyKeys("alert", "expr", "for", "labels", "annotations");
      assertThat((String) alert.get("for")).matches("[0-9]+[smh]");
      assertThat(map(alert, "labels")).containsOnlyKeys("severity");
      assertThat(map(alert, "annotations")).containsOnlyKeys("summary", "description");
      String expr = (String) alert.get("expr");
      assertThat(expr).doesNotContain("<no value>").doesNotContain("{{");
      assertThat(balanced(expr)).as("parentheses and braces of %s", expr).isTrue();
      assertThat(metricNames(expr)).as("metrics of %s", alert.get("alert")).isNotEmpty();
    }
    Map<String, Object> stale = rules.stream().filter(r -> r.get("alert").equals("EiderAssetStale")).findFirst().orElseThrow();
    assertThat(stale).containsEntry("expr", "eider_asset_stale == 1").containsEntry("for", "5m");
    assertThat((String) map(stale, "annotations").get("summary")).contains("{{ $labels.namespace }}/{{ $labels.asset }}");
    Map<String, Object> leader = rules.stream().filter(r -> r.get("alert").equals("EiderNoLeader")).findFirst().orElseThrow();
    assertThat(leader.get("expr")).isEqualTo("sum(eider_leader{namespace=\"eider-system\",job=\"eider-metrics\"}) < 1 "
        + "or absent(eider_leader{namespace=\"eider-system\",job=\"eider-metrics\"})");
    assertThat(map(leader, "labels")).containsEntry("severity", "critical");
    Map<String, Object> failing = rules.stream().filter(r -> r.get("alert").equals("EiderRunsFailing")).findFirst().orElseThrow();
    assertThat((String) failing.get("expr")).contains("[1h]").contains("unless");
  }

  @Test
  void alertsAreTunedAndTurnedOffOneByOne() {
    Map<String, Object> rule = only(render(Map.of("metrics.prometheusRule.enabled", "true",
        "metrics.prometheusRule.alerts.noLeader.enabled", "false", "metrics.prometheusRule.alerts.runsFailing.window", "3h",
        "metrics.prometheusRule.alerts.assetStale.severity", "critical",
        "metrics.prometheusRule.leaderSelector", "job=\"operators\"")), "PrometheusRule");
    List<Map<String, Object>> rules = list(list(map(rule, "spec"), "groups").get(0), "rules");
    assertThat(rules).extracting(r -> r.get("alert")).doesNotContain("EiderNoLeader").hasSize(ALERTS.size() - 1);
    assertThat(rules).filteredOn(r -> r.get("alert").equals("EiderRunsFailing")).singleElement()
        .satisfies(r -> assertThat((String) r.get("expr")).contains("[3h]").doesNotContain("[1h]"));
    assertThat(rules).filteredOn(r -> r.get("alert").equals("EiderAssetStale")).singleElement()
        .satisfies(r -> assertThat(map(r, "labels")).containsEntry("severity", "critical"));

    Map<String, Object> withLeader = only(render(Map.of("metrics.prometheusRule.enabled", "true",
        "metrics.prometheusRule.leaderSelector", "job=\"operators\"")), "PrometheusRule");
    assertThat(list(list(map(withLeader, "spec"), "groups").get(0), "rules")).filteredOn(r -> r.get("alert").equals("EiderNoLeader"))
        .singleElement().satisfies(r -> assertThat(r.get("expr"))
            .isEqualTo("sum(eider_leader{job=\"operators\"}) < 1 or absent(eider_leader{job=\"operators\"})"));
  }

  @Test
  void dashboardConfigMapCarriesTheSidecarLabelAndTheDashboard() throws IOException {
    Map<String, Object> configMap = dashboardConfigMap(render(Map.of("metrics.grafanaDashboard.enabled", "true")));
    assertThat(metadata(configMap)).containsEntry("namespace", NAMESPACE).containsEntry("name", "eider-dashboard");
    assertThat(map(metadata(configMap), "labels")).contains(entry("grafana_dashboard", "1"), entry("app.kubernetes.io/name", "eider"));
    String json = (String) map(configMap, "data").get("eider-overview.json");
    assertThat(json).isEqualTo(Files.readString(dashboardFile()).stripTrailing());

    Map<String, Object> custom = dashboardConfigMap(render(Map.of("metrics.grafanaDashboard.enabled", "true",
        "metrics.grafanaDashboard.sidecarLabel", "dashboards.example.com/grafana", "metrics.grafanaDashboard.sidecarLabelValue", "eider",
        "metrics.grafanaDashboard.namespace", "monitoring", "metrics.grafanaDashboard.annotations.grafana_folder", "Data")));
    assertThat(metadata(custom)).containsEntry("namespace", "monitoring");
    assertThat(map(metadata(custom), "labels")).containsEntry("dashboards.example.com/grafana", "eider").doesNotContainKey("grafana_dashboard");
    assertThat(map(metadata(custom), "annotations")).containsEntry("grafana_folder", "Data");
  }

  @Test
  void dashboardIsGrafanaJsonOnTheEiderMetrics() throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(dashboardFile().toFile());
    assertThat(dashboard.path("uid").asText()).isEqualTo("eider-overview");
    assertThat(dashboard.path("panels")).hasSizeGreaterThanOrEqualTo(10);
    Set<Integer> ids = new HashSet<>();
    Set<String> metrics = new TreeSet<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("unique panel id %s", panel.path("id")).isTrue();
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      assertThat(panel.path("targets")).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asText();
        assertThat(balanced(expr)).as("parentheses and braces of %s", expr).isTrue();
        assertThat(metricNames(expr)).as("metrics of panel %s", panel.path("title")).isNotEmpty();
        metrics.addAll(metricNames(expr));
      }
    }
    // Every metric the operator exports for a data team is on the dashboard.
    assertThat(metrics).contains("eider_asset_materialization_age_seconds", "eider_asset_stale", "eider_asset_partitions",
        "eider_runs_finished_total", "eider_run_start_delay_seconds_bucket", "eider_reconcile_errors_total", "eider_leader");
    assertThat(dashboard.path("templating").path("list")).extracting(variable -> variable.path("name").asText())
        .containsExactly("datasource", "namespace", "asset");
  }

  @Test
  void everythingOnPassesHelmLint() throws IOException {
    // helm lint takes no values here: lint a copy of the chart whose defaults turn everything on.
    Path copy = temp.resolve("eider");
    try (Stream<Path> files = Files.walk(chartDir())) {
      for (Path file : files.toList()) {
        Path target = copy.resolve(chartDir().relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    String values = Files.readString(copy.resolve("values.yaml"));
    for (String section : List.of("serviceMonitor", "prometheusRule", "grafanaDashboard")) {
      Matcher off = Pattern.compile("(\\n  " + section + ":\\n(?:    [^\\n]*\\n)*?    enabled: )false").matcher(values);
      assertThat(off.find()).as("%s.enabled in values.yaml", section).isTrue();
      values = off.replaceFirst("$1true");
    }
    Files.writeString(copy.resolve("values.yaml"), values);
    assertThat(render(copy, Map.of())).extracting(o -> o.get("kind")).contains("ServiceMonitor", "PrometheusRule");

    LintResult result = new Helm(copy).lint().strict().call();
    assertThat(result.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    assertThat(result.isFailed()).as("helm lint: %s", result.getMessages()).isFalse();
  }

  @Test
  void schemaRefusesTyposAndBadDurations() {
    assertThatThrownBy(() -> render(Map.of("metrics.serviceMonitor.intervall", "30s")))
        .hasMessageContaining("intervall");
    assertThatThrownBy(() -> render(Map.of("metrics.prometheusRule.alerts.assetStale.for", "five minutes")))
        .hasMessageContaining("for");
    assertThatThrownBy(() -> render(Map.of("metrics.prometheusRule.alerts.stale.enabled", "true")))
        .hasMessageContaining("stale");
  }

  /** The eider_* metric names in a PromQL expression. */
  public static Set<String> metricNames(String expr) {
    Set<String> names = new TreeSet<>();
    Matcher matcher = METRIC.matcher(expr);
    while (matcher.find()) {
      names.add(matcher.group());
    }
    return names;
  }

  private static boolean balanced(String expr) {
    int round = 0;
    int curly = 0;
    int square = 0;
    for (char c : expr.toCharArray()) {
      round += c == '(' ? 1 : c == ')' ? -1 : 0;
      curly += c == '{' ? 1 : c == '}' ? -1 : 0;
      square += c == '[' ? 1 : c == ']' ? -1 : 0;
      if (round < 0 || curly < 0 || square < 0) {
        return false;
      }
    }
    return round == 0 && curly == 0 && square == 0;
  }

  private static Map<String, Object> dashboardConfigMap(List<Map<String, Object>> objects) {
    List<Map<String, Object>> found = objects.stream().filter(o -> o.get("kind").equals("ConfigMap"))
        .filter(o -> name(o).endsWith("-dashboard")).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static Map<String, Object> only(List<Map<String, Object>> objects, String kind) {
    List<Map<String, Object>> found = objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    assertThat(found).as("rendered %s", kind).hasSize(1);
    return found.get(0);
  }

  private static String name(Map<String, Object> object) {
    return (String) metadata(object).get("name");
  }

  private static Map<String, Object> metadata(Map<String, Object> object) {
    return map(object, "metadata");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Map<String, Object> object, String key) {
    return (Map<String, Object>) object.getOrDefault(key, Map.of());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Map<String, Object> object, String key) {
    return (List<Map<String, Object>>) object.getOrDefault(key, List.of());
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> render(Map<String, String> values) {
    return render(chartDir(), values);
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> render(Path chart, Map<String, String> values) {
    TemplateCommand template = new Helm(chart).template().withName("eider").withNamespace(NAMESPACE);
    values.forEach(template::set);
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object document : new Yaml().loadAll(template.call())) {
      if (document != null) {
        objects.add(new LinkedHashMap<>((Map<String, Object>) document));
      }
    }
    return objects;
  }

  static Path chartDir() {
    return Path.of(System.getProperty("eider.helm.dir", "../helm/eider"));
  }

  static Path dashboardFile() {
    return chartDir().resolve("dashboards/eider-overview.json");
  }
}
