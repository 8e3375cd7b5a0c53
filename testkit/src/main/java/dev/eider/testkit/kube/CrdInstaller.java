package dev.eider.testkit.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Installs the checked-in CRDs ({@code crds/*.yml}) the way a user does with {@code kubectl apply},
 * and waits until the API server serves them.
 */
public final class CrdInstaller {

  private CrdInstaller() {}

  public static List<CustomResourceDefinition> install(KubernetesClient client, Path crdsDir) {
    List<CustomResourceDefinition> installed;
    try (Stream<Path> files = Files.list(crdsDir)) {
      installed = files
          .filter(file -> file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
          .sorted()
          .map(file -> client.apiextensions().v1().customResourceDefinitions()
              .resource(read(file)).forceConflicts().serverSideApply())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (CustomResourceDefinition crd : installed) {
      client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
          .waitUntilCondition(CrdInstaller::established, 30, TimeUnit.SECONDS);
    }
    return installed;
  }

  private static CustomResourceDefinition read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean established(CustomResourceDefinition crd) {
    // A loaded API server can be seen with a status that has no conditions yet: not established.
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null && crd.getStatus().getConditions().stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
