package dev.eider.testkit.kube;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test kubelet's Node, so the API server can reach it: a Node object whose kubelet endpoint is
 * {@link KubeletServer}'s port on 127.0.0.1, pods bound to it (the API server serves
 * {@code pods/log} only for a pod with a node), and a node Lease renewed like a kubelet's, so the
 * controller manager's node lifecycle controller keeps it Ready and never evicts its pods.
 */
final class NodeRegistration implements AutoCloseable {

  static final String LEASE_NAMESPACE = "kube-node-lease";
  static final int LEASE_SECONDS = 40;
  static final long RENEW_SECONDS = 10;
  private static final Logger LOG = LoggerFactory.getLogger(NodeRegistration.class);

  private final KubernetesClient client;
  private final String node;
  private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "test-kubelet-heartbeat");
    thread.setDaemon(true);
    return thread;
  });

  private NodeRegistration(KubernetesClient client, String node) {
    this.client = client;
    this.node = node;
  }

  static NodeRegistration register(KubernetesClient client, String node, int kubeletPort) {
    NodeRegistration registration = new NodeRegistration(client, node);
    NodeStatus status = status(kubeletPort);
    try {
      client.nodes().resource(new NodeBuilder().withNewMetadata().withName(node)
          .addToLabels("kubernetes.io/hostname", node).addToLabels("kubernetes.io/os", "linux").endMetadata()
          .withStatus(status).build()).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
    }
    // Status is its own subresource: written again so a Node left by an earlier run gets this port.
    // The controller-manager writes the new Node too (taints, CIDR): a write it won is retried.
    for (int attempt = 1; ; attempt++) {
      try {
        client.nodes().withName(node).editStatus(current -> {
          current.setStatus(status);
          return current;
        });
        break;
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == 10) {
          throw e;
        }
      }
    }
    registration.renewLease();
    registration.heartbeat.scheduleWithFixedDelay(registration::renewQuietly, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS);
    return registration;
  }

  private static NodeStatus status(int kubeletPort) {
    String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return new NodeStatusBuilder()
        .addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress()
        .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(kubeletPort).endKubeletEndpoint().endDaemonEndpoints()
        .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
        .withMessage("the test kubelet runs pods as local processes").withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition()
        .build();
  }

  /** Binds a pod to this node, as the scheduler would; a pod already bound (or gone) is left alone. */
  void bind(Pod pod) {
    if (pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()) {
      return;
    }
    try {
      client.bindings().inNamespace(pod.getMetadata().getNamespace()).resource(new BindingBuilder()
          .withNewMetadata().withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).endMetadata()
          .withNewTarget().withApiVersion("v1").withKind("Node").withName(node).endTarget().build()).create();
    } catch (KubernetesClientException e) {
      LOG.debug("pod {}/{} not bound to {}: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), node, e.getMessage());
    }
  }

  private void renewQuietly() {
    try {
      renewLease();
    } catch (RuntimeException e) {
      LOG.warn("node lease of {} not renewed: {}", node, e.getMessage());
    }
  }

  private void renewLease() {
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
    Lease current = client.leases().inNamespace(LEASE_NAMESPACE).withName(node).get();
    if (current == null) {
      if (client.namespaces().withName(LEASE_NAMESPACE).get() == null) {
        // The API server makes it at start; a control plane without it gets it here.
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(LEASE_NAMESPACE).endMetadata().build()).create();
      }
      client.leases().inNamespace(LEASE_NAMESPACE).resource(new LeaseBuilder().withNewMetadata().withName(node).endMetadata()
          .withNewSpec().withHolderIdentity(node).withLeaseDurationSeconds(LEASE_SECONDS).withRenewTime(now).endSpec().build()).create();
      return;
    }
    current.getSpec().setRenewTime(now);
    client.leases().inNamespace(LEASE_NAMESPACE).resource(current).update();
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
  }
}
