package dev.eider.testkit.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container's environment as the kubelet computes it: {@code envFrom} first (Secrets and
 * ConfigMaps, with prefixes, invalid names skipped), then {@code env} in order, which wins;
 * {@code valueFrom} resolved against the API; {@code $(VAR)} references expanded.
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
        String value = valueFrom(pod, var.getName(), var.getValueFrom());
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

  private String valueFrom(Pod pod, String name, EnvVarSource source) throws ContainerConfigException {
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
    throw new ContainerConfigException("env " + name + ": only secretKeyRef, configMapKeyRef and fieldRef are supported by the test kubelet");
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
