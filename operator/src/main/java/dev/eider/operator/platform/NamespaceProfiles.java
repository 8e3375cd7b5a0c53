package dev.eider.operator.platform;

import dev.eider.operator.warehouse.NamespaceStorage;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where each namespace's runs write ({@link NamespaceStorage}), from a JOSDK event source on every
 * namespace: a reconcile never has to GET its namespace, and a namespace whose labels or
 * annotations change (a branch's {@code eider.dev/warehouse} set, a namespace labelled production)
 * wakes the resources in it. A namespace the cache does not hold is not placed at all (fail closed):
 * its Assets launch nothing, and say so, until it is; never do they fall back to production's
 * warehouse and prefix.
 */
@ApplicationScoped
public class NamespaceProfiles {

  public static final String BRANCH_LABEL = NamespaceStorage.BRANCH_LABEL;

  private final NamespaceStorage storage;
  private volatile InformerEventSource<Namespace, ?> namespaces;

  @Inject
  public NamespaceProfiles(EiderConfig config) {
    this(new NamespaceStorage(config));
  }

  NamespaceProfiles(NamespaceStorage storage) {
    this.storage = storage;
  }

  /**
   * The event source of every namespace for the controller of {@code primary}, whose cache this
   * then reads: a namespace added, or its labels or annotations changed, wakes the primaries in it.
   */
  public <P extends HasMetadata> InformerEventSource<Namespace, P> eventSource(EventSourceContext<P> context, Class<P> primary) {
    InformerEventSource<Namespace, P> source = new InformerEventSource<>(InformerEventSourceConfiguration.from(Namespace.class, primary)
        .withName("namespace-profiles")
        // Namespaces are cluster-scoped: never one informer per watched namespace (a controller limited
        // to some namespaces would otherwise ask for namespaces inside namespaces).
        .withWatchAllNamespaces()
        .withFollowControllerNamespacesChanges(false)
        .withOnUpdateFilter(NamespaceProfiles::placementChanged)
        .withSecondaryToPrimaryMapper(namespace -> primariesIn(namespace, context.getPrimaryCache()::list))
        .build(), context);
    namespaces = source;
    return source;
  }

  /** Where {@code namespace}'s runs write; unresolved while the namespace is not in the cache (or no cache is running yet). */
  public NamespaceStorage.Placement of(String namespace) {
    InformerEventSource<Namespace, ?> source = namespaces;
    return storage.place(namespace, source == null ? Optional.empty() : source.get(new ResourceID(namespace)));
  }

  /** Only labels and annotations place a namespace; a status or a finalizer changing wakes nothing. */
  static boolean placementChanged(Namespace updated, Namespace old) {
    return !Objects.equals(orEmpty(updated.getMetadata().getLabels()), orEmpty(old.getMetadata().getLabels()))
        || !Objects.equals(orEmpty(updated.getMetadata().getAnnotations()), orEmpty(old.getMetadata().getAnnotations()));
  }

  static <P extends HasMetadata> Set<ResourceID> primariesIn(Namespace namespace, Function<String, Stream<P>> primariesByNamespace) {
    return primariesByNamespace.apply(namespace.getMetadata().getName()).map(ResourceID::fromResource).collect(Collectors.toSet());
  }

  private static Map<String, String> orEmpty(Map<String, String> map) {
    return map == null ? Map.of() : map;
  }
}
