package dev.eider.testkit.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as the kubelet computes it: {@code envFrom} first (Secrets and
 * ConfigMaps, with prefixes, invalid names skipped), then {@code env} in order, which wins;
 * {@code valueFrom} resolved against the API and the container's resources; {@code $(VAR)}
 * references expanded.
 */
final class ContainerEnvironment {

  private static final Pattern VALID_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
  private static final Pattern FIELD_MAP_KEY = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");

  private final KubernetesClient client;

  ContainerEnvironment(KubernetesClient client) {
    this.client = client;
  }

  Map<String, String> resolve(Pod pod, Container container) throws ContainerConfigException {
    String namespace = pod.getMetadata().getNamespace();
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource source : container.getEnvFrom()) {
      String prefix = source.getPrefix() == null ? "" : source.getPrefix();
      Map<String, String> values;
      if (source.getSecretRef() != null) {
        values = secretData(namespace, source.getSecretRef().getName(), source.getSecretRef().getOptional());
      } else if (source.getConfigMapRef() != null) {
        values = configMapData(namespace, source.getConfigMapRef().getName(), source.getConfigMapRef().getOptional());
      } else {
        continue;
      }
      values.forEach((key, value) -> {
        if (VALID_NAME.matcher(prefix + key).matches()) {
          env.put(prefix + key, value);
        }
      });
    }
    for (EnvVar var : container.getEnv()) {
      if (var.getValueFrom() != null) {
        String value = valueFrom(pod, container, var.getName(), var.getValueFrom());
        if (value != null) {
          env.put(var.getName(), value);
        }
      } else {
        env.put(var.getName(), expand(var.getValue() == null ? "" : var.getValue(), env));
      }
    }
    return env;
  }

  /** Kubernetes' {@code $(VAR)} expansion: defined names are replaced, {@code $$} escapes, others stay. */
  static String expand(String text, Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '$' && i + 1 < text.length()) {
        char next = text.charAt(i + 1);
        if (next == '$') {
          out.append('$');
          i++;
          continue;
        }
        int close = text.indexOf(')', i);
        if (next == '(' && close > 0) {
          String name = text.substring(i + 2, close);
          if (env.containsKey(name)) {
            out.append(env.get(name));
            i = close;
            continue;
          }
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  private String valueFrom(Pod pod, Container container, String name, EnvVarSource source) throws ContainerConfigException {
    String namespace = pod.getMetadata().getNamespace();
    if (source.getSecretKeyRef() != null) {
      var ref = source.getSecretKeyRef();
      return key(secretData(namespace, ref.getName(), ref.getOptional()), "secret", ref.getName(), ref.getKey(), ref.getOptional());
    }
    if (source.getConfigMapKeyRef() != null) {
      var ref = source.getConfigMapKeyRef();
      return key(configMapData(namespace, ref.getName(), ref.getOptional()), "configmap", ref.getName(), ref.getKey(), ref.getOptional());
    }
    if (source.getFieldRef() != null) {
      return field(pod, source.getFieldRef().getFieldPath());
    }
    if (source.getResourceFieldRef() != null) {
      return resource(pod, container, source.getResourceFieldRef());
    }
    throw new ContainerConfigException("env " + name + ": only secretKeyRef, configMapKeyRef, fieldRef and resourceFieldRef are supported"
        + " by the test kubelet");
  }

  /**
   * A container's request or limit in units of the divisor, rounded up, as the kubelet gives it; a
   * limit the container does not set is the node's capacity (this machine's cores and memory).
   */
  static String resource(Pod pod, Container self, ResourceFieldSelector selector) throws ContainerConfigException {
    Container container = self;
    if (selector.getContainerName() != null && !selector.getContainerName().isEmpty()) {
      container = pod.getSpec().getContainers().stream().filter(c -> selector.getContainerName().equals(c.getName())).findFirst()
          .orElseThrow(() -> new ContainerConfigException("resourceFieldRef: no container " + selector.getContainerName()));
    }
    String[] parts = selector.getResource().split("\\.", 2);
    if (parts.length != 2 || !(parts[0].equals("limits") || parts[0].equals("requests"))
        || !(parts[1].equals("cpu") || parts[1].equals("memory") || parts[1].equals("ephemeral-storage"))) {
      throw new ContainerConfigException("resourceFieldRef: unsupported resource " + selector.getResource());
    }
    var resources = container.getResources();
    Map<String, Quantity> amounts = resources == null ? null : parts[0].equals("limits") ? resources.getLimits() : resources.getRequests();
    BigDecimal amount;
    if (amounts != null && amounts.containsKey(parts[1])) {
      amount = Quantity.getAmountInBytes(amounts.get(parts[1]));
    } else if (parts[0].equals("requests")) {
      amount = BigDecimal.ZERO;
    } else {
      amount = nodeCapacity(parts[1]);
    }
    BigDecimal divisor = selector.getDivisor() == null ? BigDecimal.ONE : Quantity.getAmountInBytes(selector.getDivisor());
    return amount.divide(divisor, 0, RoundingMode.CEILING).toPlainString();
  }

  private static BigDecimal nodeCapacity(String resource) {
    return switch (resource) {
      case "cpu" -> BigDecimal.valueOf(Runtime.getRuntime().availableProcessors());
      case "memory" -> BigDecimal.valueOf(((com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize());
      default -> BigDecimal.valueOf(Long.MAX_VALUE);
    };
  }

  private static String key(Map<String, String> data, String kind, String object, String key, Boolean optional)
      throws ContainerConfigException {
    if (data.containsKey(key) || Boolean.TRUE.equals(optional)) {
      return data.get(key);
    }
    throw new ContainerConfigException("couldn't find key " + key + " in " + kind + " " + object);
  }

  private static String field(Pod pod, String path) throws ContainerConfigException {
    Matcher mapKey = FIELD_MAP_KEY.matcher(path);
    if (mapKey.matches()) {
      Map<String, String> map = mapKey.group(1).equals("labels") ? pod.getMetadata().getLabels() : pod.getMetadata().getAnnotations();
      return map == null ? "" : map.getOrDefault(mapKey.group(2), "");
    }
    return switch (path) {
      case "metadata.name" -> pod.getMetadata().getName();
      case "metadata.namespace" -> pod.getMetadata().getNamespace();
      case "metadata.uid" -> pod.getMetadata().getUid();
      case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
      case "spec.nodeName" -> TestKubelet.NODE_NAME;
      case "status.podIP", "status.hostIP" -> "127.0.0.1";
      default -> throw new ContainerConfigException("unsupported fieldPath " + path);
    };
  }

  private Map<String, String> secretData(String namespace, String name, Boolean optional) throws ContainerConfigException {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return missing("secret", name, optional);
    }
    Map<String, String> decoded = new LinkedHashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> decoded.put(k, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8)));
    }
    if (secret.getStringData() != null) {
      decoded.putAll(secret.getStringData());
    }
    return decoded;
  }

  private Map<String, String> configMapData(String namespace, String name, Boolean optional) throws ContainerConfigException {
    ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
    if (configMap == null) {
      return missing("configmap", name, optional);
    }
    return configMap.getData() == null ? Map.of() : configMap.getData();
  }

  private static Map<String, String> missing(String kind, String name, Boolean optional) throws ContainerConfigException {
    if (Boolean.TRUE.equals(optional)) {
      return Map.of();
    }
    throw new ContainerConfigException(kind + " \"" + name + "\" not found");
  }
}
