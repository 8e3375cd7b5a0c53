package dev.eider.testkit.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code configMap} volumes, the one kind the test kubelet gives a process: it has no mount
 * namespace, so each volume a container mounts is written (keys, or the {@code items} asked for) to
 * a directory of the pod's, and a variable or argument naming the mount path (or a path under it)
 * is pointed there. What the files hold is what a real kubelet would mount; their permissions,
 * read-only mounts and live updates are not simulated. Other volume kinds stay ignored.
 */
final class ConfigMapVolumes {

  private final KubernetesClient client;

  ConfigMapVolumes(KubernetesClient client) {
    this.client = client;
  }

  /** Mount path to the directory standing in for it; a missing ConfigMap waits, as a real kubelet's pod does. */
  Map<String, Path> materialize(Pod pod, Container container, Path podDir) throws ContainerConfigException {
    Map<String, Path> mounts = new LinkedHashMap<>();
    for (VolumeMount mount : container.getVolumeMounts()) {
      Volume volume = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElse(null);
      if (volume == null || volume.getConfigMap() == null) {
        continue;
      }
      Path dir = podDir.resolve("volumes").resolve(volume.getName());
      write(pod.getMetadata().getNamespace(), volume.getConfigMap(), dir);
      mounts.put(mount.getMountPath(), dir);
    }
    return mounts;
  }

  private void write(String namespace, ConfigMapVolumeSource source, Path dir) throws ContainerConfigException {
    ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(source.getName()).get();
    if (configMap == null) {
      if (Boolean.TRUE.equals(source.getOptional())) {
        return;
      }
      throw new ContainerConfigException("MountVolume.SetUp failed: configmap \"" + source.getName() + "\" not found");
    }
    Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
    Map<String, String> files = new LinkedHashMap<>();
    if (source.getItems() == null || source.getItems().isEmpty()) {
      files.putAll(data);
    } else {
      for (KeyToPath item : source.getItems()) {
        if (!data.containsKey(item.getKey())) {
          throw new ContainerConfigException("MountVolume.SetUp failed: configmap \"" + source.getName() + "\" has no key "
              + item.getKey());
        }
        files.put(item.getPath(), data.get(item.getKey()));
      }
    }
    try {
      Files.createDirectories(dir);
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path target = dir.resolve(file.getKey()).normalize();
        if (!target.startsWith(dir)) {
          throw new ContainerConfigException("configmap \"" + source.getName() + "\": path " + file.getKey() + " leaves the volume");
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new ContainerConfigException("cannot write configmap volume " + source.getName() + ": " + e.getMessage());
    }
  }

  /** {@code value} with a leading mount path replaced by its directory. */
  static String rewrite(String value, Map<String, Path> mounts) {
    for (Map.Entry<String, Path> mount : mounts.entrySet()) {
      String path = mount.getKey();
      if (value.equals(path) || value.startsWith(path + "/")) {
        return mount.getValue() + value.substring(path.length());
      }
    }
    return value;
  }
}
