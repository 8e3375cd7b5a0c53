package dev.eider.operator.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CachePruningTest {

  @Test
  void theCacheKeepsEverythingButManagedFields() {
    Job job = new JobBuilder().withNewMetadata().withName("run-1").withNamespace("ns").withResourceVersion("42")
        .addToLabels(Map.of("eider.dev/asset", "a"))
        .addNewManagedField().withManager("kube-controller-manager").withOperation("Update").withNewFieldsV1()
          .addToAdditionalProperties("f:status", Map.of("f:succeeded", Map.of())).endFieldsV1().endManagedField()
        .endMetadata().withNewStatus().withSucceeded(1).endStatus().build();
    ItemStore<Job> store = CachePruning.withoutManagedFields();
    String key = store.getKey(job);
    store.put(key, job);

    Job cached = store.get(key);
    assertThat(key).isEqualTo("ns/run-1");
    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(cached.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(cached.getMetadata().getLabels()).containsEntry("eider.dev/asset", "a");
    assertThat(cached.getStatus().getSucceeded()).isEqualTo(1);
    assertThat(store.size()).isEqualTo(1);
  }
}
