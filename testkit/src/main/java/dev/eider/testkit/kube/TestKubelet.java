package dev.eider.testkit.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the node of the test control plane: it watches Pods (there is no Node object, so nothing
 * is scheduled) and runs each new pod's containers as local processes, mapping images to local
 * command lines with {@link ContainerImages}. It writes status like a kubelet (phase, container
 * states, termination messages), so the real Job controller completes or fails Jobs, and it kills
 * the processes of deleted pods.
 *
 * <p>A container cannot write to {@code /dev/termination-log} here, so each process finds its
 * termination-message file in {@value #TERMINATION_MESSAGE_PATH_ENV}.
 *
 * <p>Like a kubelet it registers its Node ({@value #NODE_NAME}, kept Ready by a node Lease), binds
 * each pod to it and serves the containers' logs (stdout and stderr, size-bounded) on its own HTTPS
 * endpoint, so {@code kubectl logs} and {@code pods/log} through the API server return the real
 * output, with {@code tailLines} and {@code limitBytes}.
 */
public final class TestKubelet implements AutoCloseable {

  public static final String NODE_NAME = "eider-test-kubelet";
  public static final String TERMINATION_MESSAGE_PATH_ENV = "EIDER_TERMINATION_MESSAGE_PATH";
  private static final Logger LOG = LoggerFactory.getLogger(TestKubelet.class);

  private final KubernetesClient client;
  private final ContainerImages images;
  private final Path workDir;
  private final ContainerEnvironment environment;
  private final ConfigMapVolumes volumes;
  private final PodStatusWriter status;
  private final Map<String, PodRun> pods = new ConcurrentHashMap<>();
  /** Uids of terminating pods being stopped and removed. */
  private final java.util.Set<String> finalizing = ConcurrentHashMap.newKeySet();
  private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "test-kubelet-pod");
    thread.setDaemon(true);
    return thread;
  });
  private SharedIndexInformer<Pod> informer;
  private KubeletServer server;
  private NodeRegistration node;

  private TestKubelet(KubernetesClient client, ContainerImages images, Path workDir) {
    this.client = client;
    this.images = images;
    this.workDir = workDir;
    this.environment = new ContainerEnvironment(client);
    this.volumes = new ConfigMapVolumes(client);
    this.status = new PodStatusWriter(client);
  }

  /** Starts playing the node for every namespace; pod logs go under {@code workDir}. */
  public static TestKubelet start(KubernetesClient client, ContainerImages images, Path workDir) {
    TestKubelet kubelet = new TestKubelet(client, images, workDir);
    kubelet.server = KubeletServer.start(kubelet::containerLog);
    kubelet.node = NodeRegistration.register(client, NODE_NAME, kubelet.server.port());
    kubelet.informer = client.pods().inAnyNamespace().inform(kubelet.new Handler(), 0);
    return kubelet;
  }

  /** The combined output of a pod's container, as {@code kubectl logs} would show it. */
  public String logs(String namespace, String pod, String container) {
    return containerLog(namespace, pod, container).map(log -> new String(log.read(), StandardCharsets.UTF_8)).orElse("");
  }

  /** The log of a container that started on this node; names that are not plain path segments have none. */
  Optional<ContainerLog> containerLog(String namespace, String pod, String container) {
    for (String segment : List.of(namespace, pod, container)) {
      if (!segment.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
        return Optional.empty();
      }
    }
    Path log = podDir(namespace, pod).resolve(container + ".log");
    return Files.exists(log) ? Optional.of(new ContainerLog(log, ContainerLog.DEFAULT_MAX_FILE_BYTES)) : Optional.empty();
  }

  /** Pods whose containers are starting or running. */
  public int activePods() {
    return (int) pods.values().stream().filter(PodRun::active).count();
  }

  private Path podDir(String namespace, String pod) {
    return workDir.resolve(namespace).resolve(pod);
  }

  private void launch(Pod pod) {
    if (pod.getMetadata().getDeletionTimestamp() != null || isFinished(pod)) {
      return;
    }
    pods.computeIfAbsent(pod.getMetadata().getUid(), uid -> {
      Path dir = podDir(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      PodRun run = new PodRun(pod, images, environment, volumes, status, dir);
      executor.submit(() -> {
        node.bind(pod);
        run.run();
      });
      return run;
    });
  }

  private static boolean isFinished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  /**
   * A pod bound to a node is deleted gracefully: the API server only marks it (deletionTimestamp)
   * and waits for the node to stop its containers and remove it for good, as done here; a pod left
   * terminating would hold its namespace's deletion forever.
   */
  private void terminating(Pod pod) {
    String uid = pod.getMetadata().getUid();
    if (!NODE_NAME.equals(pod.getSpec().getNodeName()) || !finalizing.add(uid)) {
      return;
    }
    executor.submit(() -> {
      PodRun run = pods.remove(uid);
      if (run != null) {
        LOG.info("pod {}/{} terminating, stopping its processes", pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        run.delete();
      }
      client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).withGracePeriod(0).delete();
    });
  }

  private void deleted(Pod pod) {
    finalizing.remove(pod.getMetadata().getUid());
    PodRun run = pods.remove(pod.getMetadata().getUid());
    if (run != null) {
      LOG.info("pod {}/{} deleted, stopping its processes", pod.getMetadata().getNamespace(), pod.getMetadata().getName());
      executor.submit(run::delete);
    }
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    pods.values().forEach(PodRun::delete);
    pods.clear();
    executor.shutdownNow();
    if (node != null) {
      node.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private final class Handler implements ResourceEventHandler<Pod> {
    @Override
    public void onAdd(Pod pod) {
      seen(pod);
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
      seen(newPod);
    }

    private void seen(Pod pod) {
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        terminating(pod);
      } else {
        launch(pod);
      }
    }

    @Override
    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
      deleted(pod);
    }
  }
}
