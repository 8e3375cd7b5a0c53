package dev.eider.operator.platform;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.events.v1.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Records Kubernetes Events (events.k8s.io/v1, shown by {@code kubectl describe} and {@code kubectl
 * get events}) with a typed reason. The same reason and message for the same object are recorded
 * once per {@link #DEDUPE_WINDOW}, so a reconcile that repeats itself does not flood the API server.
 * Recording is best effort: a failure is logged and never fails a reconcile.
 */
@ApplicationScoped
public class EventRecorder {

  static final Duration DEDUPE_WINDOW = Duration.ofMinutes(10);
  private static final Logger LOG = Logger.getLogger(EventRecorder.class);
  private static final String CONTROLLER = "eider.dev/operator";
  // The API server parses eventTime with exactly six fraction digits.
  private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
      .withZone(ZoneOffset.UTC);
  /**
   * Where Events about cluster-scoped objects (BranchDeployments) go: the API server accepts an
   * events.k8s.io/v1 Event with an empty regarding.namespace only in kube-system (1.20; later
   * versions also in default). {@code kubectl describe} finds them there.
   */
  static final String CLUSTER_SCOPED_NAMESPACE = "kube-system";

  private final KubernetesClient client;
  private final Clock clock;
  private final Map<String, Instant> recent = new ConcurrentHashMap<>();
  private final String instance = System.getenv().getOrDefault("HOSTNAME", "eider-operator");

  @jakarta.inject.Inject
  public EventRecorder(KubernetesClient client) {
    this(client, Clock.systemUTC());
  }

  EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  public void record(HasMetadata object, EventReason reason, String message) {
    Instant now = clock.instant();
    String key = object.getMetadata().getUid() + "/" + reason + "/" + message;
    Instant last = recent.get(key);
    if (last != null && last.plus(DEDUPE_WINDOW).isAfter(now)) {
      return;
    }
    recent.put(key, now);
    forgetOld(now);
    String namespace = object.getMetadata().getNamespace() == null ? CLUSTER_SCOPED_NAMESPACE : object.getMetadata().getNamespace();
    String note = message.length() > 1000 ? message.substring(0, 997) + "..." : message;
    var event = new EventBuilder()
        .withNewMetadata()
          .withName(KubeNames.join(object.getMetadata().getName(), KubeNames.hash(key + now, 10), 253))
          .withNamespace(namespace)
        .endMetadata()
        .withRegarding(new ObjectReferenceBuilder().withApiVersion(object.getApiVersion()).withKind(object.getKind())
            .withName(object.getMetadata().getName()).withNamespace(object.getMetadata().getNamespace())
            .withUid(object.getMetadata().getUid()).withResourceVersion(object.getMetadata().getResourceVersion()).build())
        .withReason(reason.name())
        .withType(reason.type().name())
        .withNote(note)
        .withAction(reason.name())
        .withEventTime(new MicroTime(MICRO_TIME.format(now)))
        .withReportingController(CONTROLLER)
        .withReportingInstance(instance)
        .build();
    try {
      client.resource(event).create();
    } catch (KubernetesClientException e) {
      LOG.warnf("cannot record event %s on %s/%s: %s", reason, namespace, object.getMetadata().getName(), e.getMessage());
    }
  }

  private void forgetOld(Instant now) {
    if (recent.size() < 10_000) {
      return;
    }
    for (Iterator<Instant> it = recent.values().iterator(); it.hasNext(); ) {
      if (it.next().plus(DEDUPE_WINDOW).isBefore(now)) {
        it.remove();
      }
    }
  }
}
