package dev.eider.e2e.gitops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import dev.eider.e2e.local.WarehouseDownload;
import dev.eider.e2e.support.TestCluster;
import dev.eider.testkit.kube.KubeBinaries;
import dev.eider.testkit.s3.LocalS3;
import dev.eider.testkit.s3.S3Grant;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every GitOps example in docs/gitops, rendered as its tool would and submitted to the real API
 * server with a server-side dry run. The BranchDeployments they produce are validated against
 * Eider's CRD and the RBAC objects against Kubernetes'. The Argo CD and Flux kinds are validated
 * only as objects of their group and kind: the test installs stand-in CRDs that accept any spec
 * (the real ones belong to Argo CD and Flux), so their fields are checked by the assertions here.
 */
class GitOpsExamplesTest {

  private static final Path GITOPS = TestCluster.repo().resolve("docs/gitops");
  private static final Path BRANCH_CHART = GITOPS.resolve("branch-deployment");
  /** Kinds of Argo CD and Flux, as group, version, kind, plural. */
  private static final List<List<String>> STAND_INS = List.of(
      List.of("argoproj.io", "v1alpha1", "Application", "applications"),
      List.of("argoproj.io", "v1alpha1", "ApplicationSet", "applicationsets"),
      List.of("argoproj.io", "v1alpha1", "AppProject", "appprojects"),
      List.of("source.toolkit.fluxcd.io", "v1", "GitRepository", "gitrepositories"),
      List.of("kustomize.toolkit.fluxcd.io", "v1", "Kustomization", "kustomizations"),
      List.of("helm.toolkit.fluxcd.io", "v2", "HelmRelease", "helmreleases"));
  private static final Pattern TEMPLATE_FIELD = Pattern.compile("\\{\\{-?\\s*\\.([a-z_]+)\\s*-?}}");

  private static final KubernetesClient client = TestCluster.get().client();
  private static final List<CustomResourceDefinition> standIns = new ArrayList<>();
  private static final List<String> namespaces = new ArrayList<>();

  @BeforeAll
  static void installStandInCrdsAndToolNamespaces() {
    for (List<String> kind : STAND_INS) {
      String name = kind.get(3) + "." + kind.get(0);
      if (client.apiextensions().v1().customResourceDefinitions().withName(name).get() != null) {
        continue;
      }
      CustomResourceDefinition crd = new CustomResourceDefinitionBuilder()
          .withNewMetadata().withName(name).endMetadata()
          .withNewSpec().withGroup(kind.get(0)).withScope("Namespaced")
            .withNewNames().withKind(kind.get(2)).withPlural(kind.get(3)).withSingular(kind.get(2).toLowerCase(Locale.ROOT)).endNames()
            .addNewVersion().withName(kind.get(1)).withServed(true).withStorage(true)
              .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
              .endOpenAPIV3Schema().endSchema()
            .endVersion()
          .endSpec().build();
      standIns.add(client.resource(crd).create());
    }
    for (CustomResourceDefinition crd : standIns) {
      client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
          .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
              .anyMatch(condition -> condition.getType().equals("Established") && condition.getStatus().equals("True")), 60, TimeUnit.SECONDS);
    }
    for (String namespace : List.of("argocd", "flux-system")) {
      if (client.namespaces().withName(namespace).get() == null) {
        client.resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        namespaces.add(namespace);
      }
    }
  }

  @AfterAll
  static void removeStandIns() {
    standIns.forEach(crd -> client.resource(crd).delete());
    namespaces.forEach(namespace -> client.namespaces().withName(namespace).delete());
  }

  @Test
  void theBranchDeploymentChartRendersABranchDeploymentTheApiServerAccepts() throws IOException {
    Map<String, Object> values = Map.of("name", "pr-7", "branch", "fix/typo", "commit", "0123abc",
        "pullRequest", Map.of("number", 7, "url", "https://github.com/acme/data/pull/7"),
        "image", "ghcr.io/acme/worker:0123abc", "secrets", List.of("bluesky-credentials"), "accessGroups", List.of("data-team"));
    GenericKubernetesResource accepted = dryRun(branchDeployment(values));
    assertThat(accepted.getMetadata().getName()).isEqualTo("pr-7");
    assertThat(spec(accepted)).containsEntry("branch", "fix/typo").containsEntry("commit", "0123abc")
        .containsEntry("pullRequest", Map.of("number", 7, "url", "https://github.com/acme/data/pull/7"))
        .containsEntry("secrets", List.of("bluesky-credentials"))// The API server's answer: the CRD's default role is filled in.
        .containsEntry("access", Map.of("groups", List.of("data-team"), "role", "edit"));

    // Positive control: the dry run does validate against Eider's CRD (commit must be hex).
    Map<String, Object> bad = new LinkedHashMap<>(values);
    bad.put("commit", "not-a-sha");
    assertThatThrownBy(() -> dryRun(branchDeployment(bad))).isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("spec.commit");
    assertThatThrownBy(() -> branchDeployment(Map.of("name", "pr-7"))).hasMessageContaining("branch is required");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theApplicationSetGeneratesAnApplicationForAPullRequestWhoseBranchDeploymentIsValid() throws IOException {
    List<Map<String, Object>> documents = load(GITOPS.resolve("applicationset-pull-requests.yaml"));
    assertThat(documents).extracting(d -> d.get("kind")).containsExactly("ApplicationSet", "AppProject");
    documents.forEach(this::dryRun);
    Map<String, Object> applicationSet = documents.get(0);
    Map<String, Object> spec = (Map<String, Object>) applicationSet.get("spec");
    assertThat(spec).containsEntry("goTemplate", true);
    Map<String, Object> generator = ((List<Map<String, Object>>) spec.get("generators")).get(0);
    assertThat(generator).containsKey("pullRequest");

    // What the pull-request generator hands the template for one PR (Argo CD's parameter names).
    Map<String, Object> pullRequest = new LinkedHashMap<>();
    pullRequest.put("number", "42");
    pullRequest.put("branch", "feature/top-links");
    pullRequest.put("branch_slug", "feature-top-links");
    pullRequest.put("target_branch", "main");
    pullRequest.put("head_sha", "3f9c2ab5e1d04c7b9a8f6e5d4c3b2a1f0e9d8c7b");
    pullRequest.put("head_short_sha", "3f9c2ab5");
    pullRequest.put("labels", List.of("deploy-branch"));
    Map<String, Object> application = generate((Map<String, Object>) spec.get("template"), pullRequest);

    assertThat(application).containsEntry("apiVersion", "argoproj.io/v1alpha1").containsEntry("kind", "Application");
    Map<String, Object> metadata = (Map<String, Object>) application.get("metadata");
    assertThat(metadata).containsEntry("name", "eider-pr-42").containsEntry("namespace", "argocd")
        .containsEntry("finalizers", List.of("resources-finalizer.argocd.argoproj.io"));
    Map<String, Object> appSpec = (Map<String, Object>) application.get("spec");
    assertThat(appSpec).containsEntry("project", "eider-branches");
    assertThat((Map<String, Object>) appSpec.get("destination")).doesNotContainKey("namespace");
    GenericKubernetesResource accepted = dryRun(application);
    assertThat(accepted.getMetadata().getName()).isEqualTo("eider-pr-42");

    // The Application's source is the chart of docs/gitops/branch-deployment with these values.
    Map<String, Object> source = (Map<String, Object>) appSpec.get("source");
    assertThat((String) source.get("path")).endsWith("/branch-deployment");
    Map<String, Object> values = (Map<String, Object>) ((Map<String, Object>) source.get("helm")).get("valuesObject");
    GenericKubernetesResource branch = dryRun(branchDeployment(values));
    assertThat(branch.getMetadata().getName()).isEqualTo("pr-42");
    assertThat(spec(branch)).containsEntry("branch", "feature/top-links")
        .containsEntry("commit", "3f9c2ab5e1d04c7b9a8f6e5d4c3b2a1f0e9d8c7b")
        .containsEntry("pullRequest", Map.of("number", 42, "url", "https://github.com/acme/data/pull/42"))
        .containsEntry("baseNamespace", "bluesky");
    assertThat((Map<String, Object>) spec(branch).get("overrides"))
        .containsEntry("image", "ghcr.io/acme/worker:3f9c2ab5e1d04c7b9a8f6e5d4c3b2a1f0e9d8c7b");

    // The AppProject lets the generated Applications create BranchDeployments and nothing else.
    Map<String, Object> project = (Map<String, Object>) documents.get(1).get("spec");
    assertThat(((Map<String, Object>) documents.get(1).get("metadata")).get("name")).isEqualTo(appSpec.get("project"));
    assertThat(project).containsEntry("clusterResourceWhitelist", List.of(Map.of("group", "eider.dev", "kind", "BranchDeployment")))
        .containsEntry("namespaceResourceWhitelist", List.of());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theGitHubActionsWorkflowAppliesABranchDeploymentTheApiServerAccepts() throws IOException {
    Map<String, Object> workflow = load(GITOPS.resolve("github-actions-branch-deployment.yml")).get(0);
    Map<String, Object> env = (Map<String, Object>) workflow.get("env");
    List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) workflow.get("jobs"))
        .get("apply")).get("steps");
    String script = steps.stream().filter(step -> "Apply the BranchDeployment".equals(step.get("name"))).map(step -> (String) step.get("run"))
        .findFirst().orElseThrow();
    Matcher heredoc = Pattern.compile("<<YAML\\n(.*?)\\nYAML", Pattern.DOTALL).matcher(script);
    assertThat(heredoc.find()).as("the workflow's BranchDeployment heredoc").isTrue();

    String branch = "feature/Top Links";
    Map<String, String> shell = new LinkedHashMap<>();
    shell.put("BD_NAME", "br-" + workflowSlug(branch) + "-" + sha256(branch).substring(0, 8));
    shell.put("branch_json", "\"" + branch + "\"");
    shell.put("COMMIT", "3f9c2ab5e1d04c7b9a8f6e5d4c3b2a1f0e9d8c7b");
    shell.put("BASE_NAMESPACE", (String) env.get("BASE_NAMESPACE"));
    shell.put("IMAGE_REPOSITORY", ((String) env.get("IMAGE_REPOSITORY")).replace("${{ github.repository_owner }}", "acme"));

    // With an open pull request, and for a branch without one.
    shell.put("pr_block", "pullRequest: {number: 42, url: \"https://github.com/acme/data/pull/42\"}");
    GenericKubernetesResource withPr = dryRun(load(substitute(heredoc.group(1), shell)).get(0));
    assertThat(withPr.getMetadata().getName()).isEqualTo("br-feature-top-links-" + sha256(branch).substring(0, 8));
    assertThat(spec(withPr)).containsEntry("branch", branch).containsEntry("pullRequest",
        Map.of("number", 42, "url", "https://github.com/acme/data/pull/42"));
    assertThat((Map<String, Object>) spec(withPr).get("overrides")).containsEntry("image",
        "ghcr.io/acme/worker:3f9c2ab5e1d04c7b9a8f6e5d4c3b2a1f0e9d8c7b");
    shell.put("pr_block", "");
    assertThat(spec(dryRun(load(substitute(heredoc.group(1), shell)).get(0)))).doesNotContainKey("pullRequest");
  }

  /**
   * The workflow's comment step, run by bash with the real kubectl against the API server and
   * curl's own Signature V4 against the strict test S3; only {@code gh} (GitHub) is a stand-in
   * that records what it was asked to post.
   */
  @Test
  @SuppressWarnings("unchecked")
  void theGitHubActionsWorkflowPostsTheBranchsDataDiffAsAComment() throws Exception {
    Map<String, Object> workflow = load(GITOPS.resolve("github-actions-branch-deployment.yml")).get(0);
    List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) workflow.get("jobs"))
        .get("apply")).get("steps");
    Map<String, Object> step = steps.stream().filter(s -> "Post the data diff to the pull request".equals(s.get("name")))
        .findFirst().orElseThrow();
    assertThat(step.get("if")).isEqualTo("env.PR_NUMBER != ''");
    String script = (String) step.get("run");

    LocalS3 s3 = TestCluster.get().s3();
    String suffix = Long.toString(System.nanoTime(), 36);
    String key = "gitops-" + suffix + "/branches/pr-42/_reports/data-diff.md";
    String report = "## Data diff of branch feature/x\n\n1 of 1 table differ from production.\n\n### members\n";
    WarehouseDownload.upload(s3, "s3://" + TestCluster.BUCKET + "/" + key, report);
    String reader = "reports-" + suffix;
    s3.addCredential(reader, "reports-secret", List.of(S3Grant.read(TestCluster.BUCKET, "gitops-" + suffix + "/branches/")));

    String name = "br-gitops-" + suffix;
    client.resource(Serialization.unmarshal("""
        apiVersion: eider.dev/v1alpha1
        kind: BranchDeployment
        metadata: {name: %s}
        spec: {branch: "feature/x", baseNamespace: nowhere}
        """.formatted(name), GenericKubernetesResource.class)).create();
    try {
      Path temp = Files.createTempDirectory(TestCluster.tempDir("gitops"), "runner");
      Path bin = Files.createDirectories(temp.resolve("bin"));
      Path posted = temp.resolve("gh-calls");
      // gh stands in for GitHub: it records its arguments and the body it was given, and succeeds.
      Files.writeString(bin.resolve("gh"), """
          #!/usr/bin/env bash
          echo "$*" >> "%s"
          while [ $# -gt 0 ]; do if [ "$1" = --body-file ]; then cp "$2" "%s.body"; fi; shift; done
          """.formatted(posted, posted));
      bin.resolve("gh").toFile().setExecutable(true);
      Map<String, String> env = new LinkedHashMap<>();
      env.put("KUBECONFIG_DATA", Files.readString(TestCluster.get().controlPlane().kubeconfig()));
      env.put("BD_NAME", name);
      env.put("PR_NUMBER", "42");
      env.put("COMMIT", "3f9c2ab5e1d04c7b9a8f6e5d4c3b2a1f0e9d8c7b");
      env.put("GITHUB_REPOSITORY", "acme/data");
      env.put("GH_TOKEN", "not-used");
      env.put("S3_ENDPOINT", s3.endpoint().toString());
      env.put("S3_REGION", LocalS3.REGION);
      env.put("REPORTS_ACCESS_KEY_ID", reader);
      env.put("REPORTS_SECRET_ACCESS_KEY", "reports-secret");
      env.put("RUNNER_TEMP", temp.toString());
      env.put("PATH", bin + ":" + KubeBinaries.locate().dir() + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));

      // No data diff yet: the branch rebuilt no transform, nothing is posted.
      StepRun none = runStep(script, env);
      assertThat(none.exit()).as(none.output()).isZero();
      assertThat(none.output()).contains("no data diff: this commit rebuilds no transform");
      assertThat(posted).doesNotExist();

      setDataDiff(name, Map.of("asset", "eider-data-diff", "phase", "Ready",
          "report", "s3://" + TestCluster.BUCKET + "/" + key));
      StepRun run = runStep(script, env);
      assertThat(run.exit()).as(run.output()).isZero();
      assertThat(Files.readString(posted)).isEqualTo("pr comment 42 --repo acme/data --edit-last --body-file " + temp.resolve("comment.md") + "\n");
      assertThat(Files.readString(Path.of(posted + ".body")))
          .isEqualTo(report + "\n\n<sub>Eider data diff of 3f9c2ab5e1d04c7b9a8f6e5d4c3b2a1f0e9d8c7b</sub>\n");

      // A key that may not read the reports: S3 refuses (403), the step fails and posts nothing more.
      Files.delete(posted);
      env.put("REPORTS_SECRET_ACCESS_KEY", "wrong-secret");
      StepRun refused = runStep(script, env);
      assertThat(refused.exit()).isNotZero();
      assertThat(refused.output()).contains("403");
      assertThat(posted).doesNotExist();

      // A failed diff fails the step with the diff's reason.
      env.put("REPORTS_SECRET_ACCESS_KEY", "reports-secret");
      setDataDiff(name, Map.of("asset", "eider-data-diff", "phase", "Failed", "message", "table members: key column did is missing"));
      StepRun failed = runStep(script, env);
      assertThat(failed.exit()).isNotZero();
      assertThat(failed.output()).contains("data diff failed: table members: key column did is missing");
      assertThat(posted).doesNotExist();

      // A status naming an object outside any branch's reports is not fetched.
      env.put("REPORTS_SECRET_ACCESS_KEY", "reports-secret");
      setDataDiff(name, Map.of("asset", "eider-data-diff", "phase", "Ready", "report", "s3://" + TestCluster.BUCKET + "/secrets.txt"));
      StepRun outside = runStep(script, env);
      assertThat(outside.exit()).isNotZero();
      assertThat(outside.output()).contains("unexpected report location: s3://" + TestCluster.BUCKET + "/secrets.txt");
      assertThat(posted).doesNotExist();
    } finally {
      client.genericKubernetesResources("eider.dev/v1alpha1", "BranchDeployment").withName(name).delete();
    }
  }

  private record StepRun(int exit, String output) {}

  private static StepRun runStep(String script, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-o", "pipefail", "-c", script).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the step finished").isTrue();
    return new StepRun(process.exitValue(), output);
  }

  @SuppressWarnings("unchecked")
  private static void setDataDiff(String name, Map<String, Object> dataDiff) {
    GenericKubernetesResource deployment = client.genericKubernetesResources("eider.dev/v1alpha1", "BranchDeployment")
        .withName(name).get();
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("dataDiff", dataDiff);
    deployment.setAdditionalProperty("status", status);
    client.genericKubernetesResources("eider.dev/v1alpha1", "BranchDeployment").resource(deployment).updateStatus();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theFluxExamplesAreValidAndPointAtEachOther() throws IOException {
    List<Map<String, Object>> sync = load(GITOPS.resolve("flux/eider-branches.yaml"));
    assertThat(sync).extracting(d -> d.get("kind"))
        .containsExactly("GitRepository", "Kustomization", "ServiceAccount", "ClusterRole", "ClusterRoleBinding");
    sync.forEach(this::dryRun);
    Map<String, Object> repository = sync.get(0);
    Map<String, Object> kustomization = (Map<String, Object>) sync.get(1).get("spec");
    assertThat(kustomization).containsEntry("prune", true).containsEntry("wait", true)
        .containsEntry("sourceRef", Map.of("kind", "GitRepository", "name", name(repository)))
        .containsEntry("serviceAccountName", name(sync.get(2)));
    ClusterRole role = Serialization.unmarshal(Serialization.asJson(sync.get(3)), ClusterRole.class);
    assertThat(role.getRules()).singleElement().satisfies(rule -> {
      assertThat(rule.getApiGroups()).containsExactly("eider.dev");
      assertThat(rule.getResources()).containsExactly("branchdeployments");
    });

    // Each branch file is a BranchDeployment the API server accepts.
    try (Stream<Path> files = Files.list(GITOPS.resolve("flux/branches"))) {
      List<Path> branches = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
      assertThat(branches).isNotEmpty();
      for (Path file : branches) {
        assertThat(dryRun(load(file).get(0)).getKind()).isEqualTo("BranchDeployment");
      }
    }

    // The HelmRelease renders the branch chart with its values into a valid BranchDeployment.
    List<Map<String, Object>> release = load(GITOPS.resolve("flux/helmrelease-branch.yaml"));
    assertThat(release).extracting(d -> d.get("kind")).containsExactly("HelmRelease", "Role", "RoleBinding");
    release.forEach(this::dryRun);
    Map<String, Object> releaseSpec = (Map<String, Object>) release.get(0).get("spec");
    Map<String, Object> chart = (Map<String, Object>) ((Map<String, Object>) releaseSpec.get("chart")).get("spec");
    assertThat((String) chart.get("chart")).endsWith("/branch-deployment");
    assertThat(chart).containsEntry("sourceRef", Map.of("kind", "GitRepository", "name", name(repository)));
    assertThat(releaseSpec).containsEntry("serviceAccountName", name(sync.get(2)));
    GenericKubernetesResource branch = dryRun(branchDeployment((Map<String, Object>) releaseSpec.get("values")));
    assertThat(branch.getMetadata().getName()).isEqualTo("pr-42");
    assertThat(spec(branch)).containsEntry("commit", "3f9c2ab");
  }

  /**
   * The Application the ApplicationSet renders for one pull request: its template through Go's
   * text/template with Sprig (Helm's engine, which ApplicationSet's goTemplate also uses), every
   * field the template names required (as missingkey=error does).
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> generate(Map<String, Object> template, Map<String, Object> params) throws IOException {
    Map<String, Object> application = new LinkedHashMap<>();
    application.put("apiVersion", "argoproj.io/v1alpha1");
    application.put("kind", "Application");
    Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) template.get("metadata"));
    metadata.putIfAbsent("namespace", "argocd");
    application.put("metadata", metadata);
    application.put("spec", template.get("spec"));
    String text = new Yaml().dump(application);

    Set<String> named = new TreeSet<>();
    Matcher field = TEMPLATE_FIELD.matcher(text);
    while (field.find()) {
      named.add(field.group(1));
    }
    assertThat(named).as("fields the template uses").isNotEmpty();
    assertThat(params).as("the pull-request generator's parameters").containsKeys(named.toArray(String[]::new));

    Path chart = TestCluster.tempDir("applicationset-template");
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: applicationset-template\nversion: 0.0.1\n");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("templates/application.yaml"), "{{- with .Values.pr }}\n" + text + "{{- end }}\n");
    Path values = chart.resolve("params.yaml");
    Files.writeString(values, new Yaml().dump(Map.of("pr", params)));
    String rendered = new Helm(chart).template().withName("pr").withValuesFile(values).call();
    assertThat(rendered).doesNotContain("<no value>").doesNotContain("{{");
    return load(rendered).get(0);
  }

  /** The BranchDeployment docs/gitops/branch-deployment renders from {@code values}. */
  private static Map<String, Object> branchDeployment(Map<String, Object> values) throws IOException {
    Path file = TestCluster.tempDir("branch-values").resolve("values.yaml");
    Files.writeString(file, new Yaml().dump(values));
    TemplateCommand template = new Helm(BRANCH_CHART).template().withName("branch").withValuesFile(file);
    List<Map<String, Object>> objects = load(template.call());
    assertThat(objects).hasSize(1);
    return objects.get(0);
  }

  private GenericKubernetesResource dryRun(Map<String, Object> object) {
    HasMetadata resource = client.load(new ByteArrayInputStream(Serialization.asJson(object).getBytes(StandardCharsets.UTF_8)))
        .items().get(0);
    HasMetadata accepted = client.resource(resource).dryRun().create();
    return Serialization.unmarshal(Serialization.asJson(accepted), GenericKubernetesResource.class);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(GenericKubernetesResource resource) {
    return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
  }

  @SuppressWarnings("unchecked")
  private static String name(Map<String, Object> object) {
    return (String) ((Map<String, Object>) object.get("metadata")).get("name");
  }

  private static List<Map<String, Object>> load(Path file) throws IOException {
    return load(Files.readString(file));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> load(String yaml) {
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Object document : new Yaml().loadAll(yaml)) {
      if (document != null) {
        documents.add((Map<String, Object>) document);
      }
    }
    return documents;
  }

  /** The shell's ${NAME} expansion; every variable the text names must be given. */
  private static String substitute(String text, Map<String, String> variables) {
    Matcher variable = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}").matcher(text);
    StringBuilder out = new StringBuilder();
    while (variable.find()) {
      String value = variables.get(variable.group(1));
      assertThat(value).as("shell variable %s", variable.group(1)).isNotNull();
      variable.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    variable.appendTail(out);
    return out.toString();
  }

  /** The workflow's `tr | sed | cut | sed` slug of a branch, for ASCII names. */
  private static String workflowSlug(String branch) {
    String slug = branch.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+", "").replaceAll("-+$", "");
    slug = slug.substring(0, Math.min(40, slug.length())).replaceAll("-+$", "");
    return slug.isEmpty() ? "branch" : slug;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
