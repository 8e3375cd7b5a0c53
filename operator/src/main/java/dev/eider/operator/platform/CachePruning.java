package dev.eider.operator.platform;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;

/**
 * What the operator's informer caches leave out. Every object's {@code metadata.managedFields} (the
 * server-side apply bookkeeping of each writer) parses into a tree of maps several times the size of
 * the fields the operator reads; over a thousand run Jobs and their pods it was the largest part of
 * the operator's heap (see docs/benchmarks.md). Only for caches of objects the operator creates and
 * reads, never for those its dependent resources apply: their matching reads managedFields.
 */
public final class CachePruning {

  private CachePruning() {}

  public static <R extends HasMetadata> ItemStore<R> withoutManagedFields() {
    return new TransformingItemStore<>(resource -> {
      resource.getMetadata().setManagedFields(null);
      return resource;
    });
  }
}
