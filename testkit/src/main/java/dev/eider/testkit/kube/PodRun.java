package dev.eider.testkit.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pod on the test kubelet: its containers run side by side as local processes; the pod's
 * status follows them (Pending, Running, Succeeded or Failed) and deleting the pod kills them.
 */
final class PodRun implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(PodRun.class);
  private static final List<String> HOST_ENV = List.of("PATH", "HOME", "JAVA_HOME", "LANG", "LC_ALL", "USER");
  /** Pause before retrying a missing Secret or ConfigMap, and before restarting a container. */
  private static final long RETRY_MILLIS = 1000;
  /** Longest pause between two pulls of a missing image (a real kubelet's is 5 minutes; tests are shorter). */
  private static final long MAX_PULL_BACK_OFF_MILLIS = 10_000;
  /** Longest wait, after a container ended, for the last of its output to reach its log. */
  private static final long LOG_DRAIN_MILLIS = 10_000;

  private final Pod pod;
  private final ContainerImages images;
  private final ContainerEnvironment environment;
  private final ConfigMapVolumes volumes;
  private final PodStatusWriter status;
  private final Path dir;
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Map<String, Thread> logCopiers = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean deleted;
  private volatile boolean finished;

  PodRun(Pod pod, ContainerImages images, ContainerEnvironment environment, ConfigMapVolumes volumes, PodStatusWriter status,
      Path dir) {
    this.pod = pod;
    this.images = images;
    this.environment = environment;
    this.volumes = volumes;
    this.status = status;
    this.dir = dir;
  }

  @Override
  public void run() {
    try {
      runPod();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.error("test kubelet failed to run pod {}", name(), e);
      if (!deleted) {
        status.failed(pod, "TestKubeletError", e.toString());
      }
    } finally {
      killAll();
      finished = true;
    }
  }

  /** Whether this pod's containers are still starting or running. */
  boolean active() {
    return !finished && !deleted;
  }

  private void runPod() throws Exception {
    if (!pod.getSpec().getInitContainers().isEmpty()) {
      status.failed(pod, "Unsupported", "the test kubelet does not run init containers");
      return;
    }
    List<Launch> launches = new ArrayList<>();
    for (Container container : pod.getSpec().getContainers()) {
      Optional<String> invalid = ImageReferences.invalid(container.getImage());
      if (invalid.isPresent()) {
        // A real kubelet reports it and keeps the pod Pending; nothing changes until the pod goes.
        status.waiting(pod, container.getName(), "InvalidImageName", invalid.get());
        return;
      }
      Optional<List<String>> line = images.commandLine(container.getImage(), container.getCommand(), container.getArgs());
      if (line.isEmpty()) {
        failPulls(container);
        return;
      }
      Map<String, Path> mounts = mountVolumes(container);
      Map<String, String> env = mounts == null ? null : resolveEnvironment(container);
      if (env == null) {
        return;
      }
      env.replaceAll((name, value) -> ConfigMapVolumes.rewrite(value, mounts));
      List<String> expanded = line.get().stream().map(arg -> ConfigMapVolumes.rewrite(ContainerEnvironment.expand(arg, env), mounts))
          .toList();
      launches.add(new Launch(container, expanded, env));
    }
    String startTime = PodStatusWriter.now();
    Map<String, ContainerStatus> states = new LinkedHashMap<>();
    Map<String, Integer> restarts = new LinkedHashMap<>();
    synchronized (this) {
      if (deleted) {
        return;
      }
      for (Launch launch : launches) {
        restarts.put(launch.container().getName(), 0);
        states.put(launch.container().getName(), start(launch, 0));
      }
    }
    status.running(pod, startTime, List.copyOf(states.values()));
    for (Launch launch : launches) {
      String name = launch.container().getName();
      while (true) {
        Process process = processes.get(name);
        int exitCode = process.waitFor();
        if (deleted) {
          return;
        }
        // The log is whole before the status says the container ended (a reader may come at once);
        // a child that kept the pipe open does not hold the status back for long.
        logCopiers.get(name).join(LOG_DRAIN_MILLIS);
        String message = TerminationMessages.read(messageFile(name), logFile(name),
            launch.container().getTerminationMessagePolicy(), exitCode);
        ContainerStatus terminated = PodStatusWriter.terminatedState(name, launch.container().getImage(),
            restarts.get(name), exitCode, message, states.get(name).getState().getRunning().getStartedAt());
        if (!restarts(exitCode)) {
          states.put(name, terminated);
          break;
        }
        TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
        synchronized (this) {
          if (deleted) {
            return;
          }
          restarts.merge(name, 1, Integer::sum);
          states.put(name, start(launch, restarts.get(name)));
        }
        status.running(pod, startTime, List.copyOf(states.values()));
      }
    }
    status.terminated(pod, startTime, List.copyOf(states.values()));
  }

  /**
   * An image the test kubelet cannot run is an image the node does not have: with pull policy
   * Never the kubelet says so once; otherwise every pull fails and the kubelet backs off between
   * tries (ErrImagePull, then ImagePullBackOff), until the pod is deleted.
   */
  private void failPulls(Container container) throws InterruptedException {
    String image = container.getImage();
    if ("Never".equals(container.getImagePullPolicy())) {
      status.waiting(pod, container.getName(), "ErrImageNeverPull",
          "Container image \"" + image + "\" is not present with pull policy of Never");
      return;
    }
    long backOff = RETRY_MILLIS;
    while (!deleted) {
      status.waiting(pod, container.getName(), "ErrImagePull", "image \"" + image + "\" is not known to the test kubelet");
      TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
      if (deleted) {
        return;
      }
      status.waiting(pod, container.getName(), "ImagePullBackOff", "Back-off pulling image \"" + image + "\"");
      TimeUnit.MILLISECONDS.sleep(backOff);
      backOff = Math.min(backOff * 2, MAX_PULL_BACK_OFF_MILLIS);
    }
  }

  /** The container's configMap volumes by mount path, or null when the pod was deleted while one was missing. */
  private Map<String, Path> mountVolumes(Container container) throws InterruptedException {
    String lastError = null;
    while (!deleted) {
      try {
        return volumes.materialize(pod, container, dir);
      } catch (ContainerConfigException e) {
        if (!e.getMessage().equals(lastError)) {
          status.waiting(pod, container.getName(), "ContainerCreating", e.getMessage());
          lastError = e.getMessage();
        }
        TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
      }
    }
    return null;
  }

  /** The environment, or null when the pod was deleted while its configuration was still missing. */
  private Map<String, String> resolveEnvironment(Container container) throws InterruptedException {
    String lastError = null;
    while (!deleted) {
      try {
        return environment.resolve(pod, container);
      } catch (ContainerConfigException e) {
        if (!e.getMessage().equals(lastError)) {
          status.waiting(pod, container.getName(), "CreateContainerConfigError", e.getMessage());
          lastError = e.getMessage();
        }
        TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
      }
    }
    return null;
  }

  private boolean restarts(int exitCode) {
    String policy = pod.getSpec().getRestartPolicy();
    return "Always".equals(policy) || ("OnFailure".equals(policy) && exitCode != 0);
  }

  private ContainerStatus start(Launch launch, int restartCount) throws IOException {
    String name = launch.container().getName();
    Files.createDirectories(dir.resolve("tmp"));
    Files.deleteIfExists(messageFile(name));
    // stdout and stderr into one pipe, copied into the container's log with a size bound.
    ProcessBuilder builder = new ProcessBuilder(launch.commandLine())
        .directory(dir.toFile())
        .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().retainAll(HOST_ENV);
    env.put("HOSTNAME", pod.getMetadata().getName());
    env.put("TMPDIR", dir.resolve("tmp").toString());
    env.put(TestKubelet.TERMINATION_MESSAGE_PATH_ENV, messageFile(name).toString());
    env.putAll(launch.env());
    Process process = builder.start();
    processes.put(name, process);
    ContainerLog log = new ContainerLog(logFile(name), ContainerLog.DEFAULT_MAX_FILE_BYTES);
    Thread copier = new Thread(() -> log.capture(process.getInputStream()), "test-kubelet-log-" + name);
    copier.setDaemon(true);
    copier.start();
    logCopiers.put(name, copier);
    LOG.info("pod {} container {} started: {}", name(), name, launch.commandLine());
    return PodStatusWriter.runningState(name, launch.container().getImage(), restartCount, PodStatusWriter.now());
  }

  /** The pod was deleted: stop its processes as a kubelet would, politely first. */
  void delete() {
    synchronized (this) {
      deleted = true;
    }
    killAll();
  }

  private void killAll() {
    List<Process> running;
    synchronized (this) {
      running = new ArrayList<>(processes.values());
    }
    long grace = pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30 : pod.getSpec().getTerminationGracePeriodSeconds();
    for (Process process : running) {
      if (!process.isAlive()) {
        continue;
      }
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      try {
        if (!process.waitFor(Math.min(grace, 10), TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  Path logFile(String container) {
    return dir.resolve(container + ".log");
  }

  private Path messageFile(String container) {
    return dir.resolve(container + ".termination-log");
  }

  private String name() {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }

  private record Launch(Container container, List<String> commandLine, Map<String, String> env) {}
}
