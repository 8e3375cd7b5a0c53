package dev.eider.operator;

import static dev.eider.operator.HelmMonitoringTest.chartDir;
import static dev.eider.operator.HelmMonitoringTest.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chart's optional Ingress for the UI: off by default, only /ui routed, to the operator's HTTP Service. */
class HelmUiIngressTest {

  @TempDir Path temp;

  @Test
  void noIngressByDefault() {
    assertThat(render(Map.of())).extracting(o -> o.get("kind")).doesNotContain("Ingress");
  }

  @Test
  @SuppressWarnings("unchecked")
  void ingressRoutesOnlyTheUiToTheHttpService() {
    List<Map<String, Object>> objects = render(Map.of("ui.ingress.enabled", "true", "ui.ingress.host", "eider.example.com",
        "ui.ingress.className", "nginx", "ui.ingress.annotations.nginx\\.ingress\\.kubernetes\\.io/auth-url", "https://auth.example.com"));
    Map<String, Object> ingress = objects.stream().filter(o -> "Ingress".equals(o.get("kind"))).findFirst().orElseThrow();
    Map<String, Object> metadata = (Map<String, Object>) ingress.get("metadata");
    assertThat(metadata).containsEntry("name", "eider-ui").containsEntry("namespace", "eider-system");
    assertThat((Map<String, Object>) metadata.get("annotations")).containsEntry("nginx.ingress.kubernetes.io/auth-url", "https://auth.example.com");
    Map<String, Object> spec = (Map<String, Object>) ingress.get("spec");
    assertThat(spec).containsEntry("ingressClassName", "nginx");
    Map<String, Object> rule = ((List<Map<String, Object>>) spec.get("rules")).get(0);
    assertThat(rule).containsEntry("host", "eider.example.com");
    List<Map<String, Object>> paths = (List<Map<String, Object>>) ((Map<String, Object>) rule.get("http")).get("paths");
    assertThat(paths).hasSize(1);
    assertThat(paths.get(0)).containsEntry("path", "/ui").containsEntry("pathType", "Prefix");
    Map<String, Object> service = (Map<String, Object>) ((Map<String, Object>) paths.get(0).get("backend")).get("service");
    // The Service the chart renders for the HTTP port, by its port's name.
    String httpService = objects.stream().filter(o -> "Service".equals(o.get("kind")))
        .map(o -> (String) ((Map<String, Object>) o.get("metadata")).get("name")).findFirst().orElseThrow();
    assertThat(service).containsEntry("name", httpService).containsEntry("port", Map.of("name", "http"));
  }

  @Test
  void ingressWithoutTheServiceIsRefusedByName() {
    assertThatThrownBy(() -> render(Map.of("ui.ingress.enabled", "true", "metrics.service.enabled", "false")))
        .hasMessageContaining("ui.ingress.enabled needs metrics.service.enabled");
    assertThatThrownBy(() -> render(Map.of("ui.ingress.enabeld", "true"))).hasMessageContaining("enabeld");
    assertThatThrownBy(() -> render(Map.of("ui.ingress.host", "Not A Host"))).hasMessageContaining("host");
  }

  @Test
  void ingressOnPassesHelmLint() throws IOException {
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
    String on = values.replace("  ingress:\n    enabled: false\n", "  ingress:\n    enabled: true\n");
    assertThat(on).isNotEqualTo(values);
    Files.writeString(copy.resolve("values.yaml"), on.replace("    host: \"\"\n", "    host: eider.example.com\n"));
    assertThat(render(copy, Map.of())).extracting(o -> o.get("kind")).contains("Ingress");
    LintResult result = new Helm(copy).lint().strict().call();
    assertThat(result.getMessages()).noneMatch(message -> message.contains("[ERROR]") || message.contains("[WARNING]"));
    assertThat(result.isFailed()).as("helm lint: %s", result.getMessages()).isFalse();
  }
}
