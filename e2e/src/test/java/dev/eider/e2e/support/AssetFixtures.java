package dev.eider.e2e.support;

import static org.awaitility.Awaitility.await;

import dev.eider.operator.api.asset.Asset;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Assets in one test namespace: created from YAML, read back, waited on, and the fake worker's ledger. */
public final class AssetFixtures {

  private final KubernetesClient client;
  private final String namespace;

  public AssetFixtures(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  public Asset create(String yaml) {
    Asset asset = Serialization.unmarshal(yaml, Asset.class);
    asset.getMetadata().setNamespace(namespace);
    return client.resource(asset).create();
  }

  public Asset get(String name) {
    return client.resources(Asset.class).inNamespace(namespace).withName(name).get();
  }

  public Optional<Condition> condition(String name, String type) {
    Asset asset = get(name);
    if (asset == null || asset.getStatus() == null) {
      return Optional.empty();
    }
    return asset.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public boolean conditionIs(String name, String type, String status) {
    return condition(name, type).map(c -> status.equals(c.getStatus())).orElse(false);
  }

  public void awaitCondition(String name, String type, String status, Duration atMost) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(250))
        .alias(name + " " + type + "=" + status)
        .until(() -> conditionIs(name, type, status));
  }

  public void annotate(String name, String key, String value) {
    client.resources(Asset.class).inNamespace(namespace).withName(name)
        .edit(asset -> {
          asset.getMetadata().getAnnotations().put(key, value);
          return asset;
        });
  }

  /** One line of the fake worker's ledger. */
  public record LedgerLine(String event, String partition, String run, long millis) {}

  public static List<LedgerLine> ledger(Path dir) {
    Path log = dir.resolve("runs.log");
    if (!Files.exists(log)) {
      return List.of();
    }
    try {
      List<LedgerLine> lines = new ArrayList<>();
      for (String line : Files.readAllLines(log)) {
        String[] parts = line.split(" ");
        if (parts.length == 4) {
          lines.add(new LedgerLine(parts[0], parts[1], parts[2], Long.parseLong(parts[3])));
        } else if (parts.length == 3) {
          lines.add(new LedgerLine(parts[0], "", parts[1], Long.parseLong(parts[2])));
        }
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static long runsEnded(Path ledger) {
    return ledger(ledger).stream().filter(line -> line.event().equals("end")).count();
  }
}
