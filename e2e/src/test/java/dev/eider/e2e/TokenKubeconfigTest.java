package dev.eider.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.e2e.support.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceAttributesBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The kubeconfig the tests' operator processes connect with: a bearer token in place of the
 * client certificate, with the same rights (cluster-admin, and impersonation for the chart's
 * tests), and a token the API server checks.
 */
class TokenKubeconfigTest {

  private final TestCluster cluster = TestCluster.get();

  @Test
  void theTokenKubeconfigHasNoCertificateAndTheCertificatesRights() throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(cluster.controlPlane().tokenKubeconfig()));
    assertThat(config.getAutoOAuthToken()).hasSize(64).matches("[0-9a-f]+");
    assertThat(config.getClientCertData()).isNull();
    assertThat(config.getClientCertFile()).isNull();
    assertThat(config.getClientKeyData()).isNull();
    assertThat(config.getClientKeyFile()).isNull();
    // A positive control: the certificate kubeconfig does name one, and no token.
    Config certificate = cluster.controlPlane().config();
    assertThat(certificate.getClientCertFile()).isNotBlank();
    assertThat(certificate.getAutoOAuthToken()).isNull();

    String namespace = cluster.newNamespace("token");
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName("made-with-a-token").endMetadata()
          .withData(Map.of("k", "v")).build()).create();
      assertThat(cluster.client().configMaps().inNamespace(namespace).withName("made-with-a-token").get().getData()).containsEntry("k", "v");
      assertThat(allowed(client, "impersonate", "serviceaccounts", namespace)).isTrue();
      assertThat(allowed(client, "delete", "namespaces", "")).isTrue();
    }
  }

  @Test
  void anotherTokenIsRefused() throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(cluster.controlPlane().tokenKubeconfig()));
    String token = config.getAutoOAuthToken();
    String another = (token.charAt(0) == 'a' ? "b" : "a") + token.substring(1);
    config.setAutoOAuthToken(another);
    config.setOauthToken(another);
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      assertThatThrownBy(() -> client.namespaces().list())
          .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(401));
    }
  }

  private static boolean allowed(KubernetesClient client, String verb, String resource, String namespace) {
    SelfSubjectAccessReview review = client.authorization().v1().selfSubjectAccessReview().create(new SelfSubjectAccessReviewBuilder()
        .withNewSpec().withResourceAttributes(new ResourceAttributesBuilder().withVerb(verb).withResource(resource).withNamespace(namespace).build())
        .endSpec().build());
    return review.getStatus().getAllowed();
  }
}
