package dev.eider.operator.asset.validation;

import dev.eider.contract.time.Durations;
import dev.eider.operator.api.ApiLimits;
import dev.eider.operator.api.ApiPatterns;
import dev.eider.operator.api.asset.WorkerSpec;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the API server would refuse in the worker's Job, said at apply time instead: environment
 * variable names, references to Secrets and ConfigMaps, resource quantities and the timeout. A
 * Job the API server refuses is a failed start on every attempt; a spec refused here runs nothing.
 */
final class WorkerSpecRules {

  /** Kubernetes' own rule for an environment variable name (validation.IsEnvVarName). */
  private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");
  /** Kubernetes' rule for a ConfigMap or Secret key (validation.IsConfigMapKey). */
  private static final Pattern DATA_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
  /** A resource quantity without sign: 500m, 1.5, 2Gi, 1e3. */
  private static final Pattern QUANTITY = Pattern.compile("([0-9]{1,18}(\\.[0-9]{0,9})?|\\.[0-9]{1,9})(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][-+]?[0-9]{1,2})?");
  /** cpu, memory, ephemeral-storage, or a domain-prefixed extended resource (example.com/gpu). */
  private static final Pattern RESOURCE_NAME = Pattern.compile("([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
  private static final int MAX_NAME = 253;
  private static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

  private WorkerSpecRules() {}

  static void validate(WorkerSpec worker, List<SpecProblem> problems) {
    List<EnvVar> env = worker.getEnv() == null ? List.of() : worker.getEnv();
    for (int i = 0; i < env.size(); i++) {
      env(env.get(i), "spec.worker.env[" + i + "]", problems);
    }
    List<EnvFromSource> envFrom = worker.getEnvFrom() == null ? List.of() : worker.getEnvFrom();
    for (int i = 0; i < envFrom.size(); i++) {
      envFrom(envFrom.get(i), "spec.worker.envFrom[" + i + "]", problems);
    }
    if (worker.getResources() != null) {
      resources(worker.getResources(), problems);
    }
    if (worker.getTimeout() != null) {
      Optional<Duration> timeout = Durations.parse(worker.getTimeout());
      if (timeout.isEmpty() || timeout.get().compareTo(MIN_TIMEOUT) < 0) {
        problems.add(new SpecProblem("spec.worker.timeout", "'" + shown(worker.getTimeout()) + "' is not a duration between 1s and "
            + Durations.format(Durations.MAX)));
      }
    }
  }

  private static void env(EnvVar var, String field, List<SpecProblem> problems) {
    if (var == null) {
      problems.add(new SpecProblem(field, "is empty"));
      return;
    }
    if (var.getName() == null || var.getName().length() > MAX_NAME || !ENV_NAME.matcher(var.getName()).matches()) {
      problems.add(new SpecProblem(field + ".name", "'" + shown(var.getName()) + "' is not an environment variable name "
          + "(letters, digits, '-', '.' and '_', not starting with a digit)"));
    }
    EnvVarSource from = var.getValueFrom();
    if (from == null) {
      return;
    }
    if (var.getValue() != null && !var.getValue().isEmpty()) {
      problems.add(new SpecProblem(field + ".valueFrom", "cannot be set together with value"));
    }
    int sources = count(from.getSecretKeyRef(), from.getConfigMapKeyRef(), from.getFieldRef(), from.getResourceFieldRef());
    if (sources != 1) {
      problems.add(new SpecProblem(field + ".valueFrom", "must name exactly one source, names " + sources));
    }
    if (from.getSecretKeyRef() != null) {
      objectName(from.getSecretKeyRef().getName(), field + ".valueFrom.secretKeyRef.name", "Secret", problems);
      dataKey(from.getSecretKeyRef().getKey(), field + ".valueFrom.secretKeyRef.key", problems);
    }
    if (from.getConfigMapKeyRef() != null) {
      objectName(from.getConfigMapKeyRef().getName(), field + ".valueFrom.configMapKeyRef.name", "ConfigMap", problems);
      dataKey(from.getConfigMapKeyRef().getKey(), field + ".valueFrom.configMapKeyRef.key", problems);
    }
  }

  private static void envFrom(EnvFromSource source, String field, List<SpecProblem> problems) {
    if (source == null) {
      problems.add(new SpecProblem(field, "is empty"));
      return;
    }
    if (count(source.getSecretRef(), source.getConfigMapRef()) != 1) {
      problems.add(new SpecProblem(field, "must name exactly one of secretRef and configMapRef"));
    }
    if (source.getPrefix() != null && !source.getPrefix().isEmpty()
        && (source.getPrefix().length() > MAX_NAME || !ENV_NAME.matcher(source.getPrefix()).matches())) {
      problems.add(new SpecProblem(field + ".prefix", "'" + shown(source.getPrefix()) + "' cannot start an environment variable name"));
    }
    if (source.getSecretRef() != null) {
      objectName(source.getSecretRef().getName(), field + ".secretRef.name", "Secret", problems);
    }
    if (source.getConfigMapRef() != null) {
      objectName(source.getConfigMapRef().getName(), field + ".configMapRef.name", "ConfigMap", problems);
    }
  }

  private static void resources(ResourceRequirements resources, List<SpecProblem> problems) {
    quantities(resources.getLimits(), "spec.worker.resources.limits", problems);
    quantities(resources.getRequests(), "spec.worker.resources.requests", problems);
    if (resources.getClaims() != null && !resources.getClaims().isEmpty()) {
      problems.add(new SpecProblem("spec.worker.resources.claims", "dynamic resource claims are not supported"));
    }
  }

  private static void quantities(Map<String, Quantity> values, String field, List<SpecProblem> problems) {
    if (values == null) {
      return;
    }
    // The CRD's maxProperties says the same; an Asset stored under an older CRD did not meet it.
    if (values.size() > ApiLimits.MAX_RESOURCES) {
      problems.add(new SpecProblem(field, "has " + values.size() + " entries, more than the " + ApiLimits.MAX_RESOURCES + " allowed"));
      return;
    }
    values.forEach((name, quantity) -> {
      if (name == null || name.length() > MAX_NAME || !RESOURCE_NAME.matcher(name).matches()) {
        problems.add(new SpecProblem(field, "'" + shown(name) + "' is not a resource name such as cpu or memory"));
        return;
      }
      String text = quantity == null ? null : quantity.getAmount() + (quantity.getFormat() == null ? "" : quantity.getFormat());
      if (text == null || !QUANTITY.matcher(text).matches()) {
        problems.add(new SpecProblem(field + "." + name, "'" + shown(text) + "' is not a non-negative quantity such as 500m or 2Gi"));
      }
    });
  }

  private static void objectName(String name, String field, String kind, List<SpecProblem> problems) {
    if (name == null || name.length() > MAX_NAME || !name.matches(ApiPatterns.DNS_SUBDOMAIN)) {
      problems.add(new SpecProblem(field, "'" + shown(name) + "' is not a " + kind + " name"));
    }
  }

  private static void dataKey(String key, String field, List<SpecProblem> problems) {
    if (key == null || key.length() > MAX_NAME || !DATA_KEY.matcher(key).matches()) {
      problems.add(new SpecProblem(field, "'" + shown(key) + "' is not a key (letters, digits, '-', '.' and '_')"));
    }
  }

  private static int count(Object... sources) {
    int count = 0;
    for (Object source : sources) {
      count += source == null ? 0 : 1;
    }
    return count;
  }

  /** A value as a message may quote it: at most 80 characters, control and format characters escaped. */
  static String shown(String value) {
    if (value == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    value.codePoints().limit(80).forEach(c -> {
      int type = Character.getType(c);
      boolean visible = type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
          && type != Character.SURROGATE && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
      text.append(visible ? Character.toString(c) : "\\u%04x".formatted(c));
    });
    return value.codePointCount(0, value.length()) > 80 ? text + "..." : text.toString();
  }
}
