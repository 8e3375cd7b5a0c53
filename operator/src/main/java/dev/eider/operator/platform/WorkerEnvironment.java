package dev.eider.operator.platform;

import dev.eider.contract.env.WorkerEnv;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plain environment every worker container starts from: the operator's worker variables and
 * where object storage is. Shared by asset runs and the staging-database Jobs of branches; each
 * adds its own variables on top (a later {@link #put} of the same name wins).
 */
public final class WorkerEnvironment {

  private WorkerEnvironment() {}

  public static Map<String, EnvVar> defaults(EiderConfig config) {
    Map<String, EnvVar> env = new LinkedHashMap<>();
    config.worker().env().forEach((key, value) -> put(env, key, value));
    put(env, WorkerEnv.BUCKET, config.storage().bucket());
    config.storage().endpoint().ifPresent(endpoint -> put(env, "AWS_ENDPOINT_URL", endpoint));
    return env;
  }

  public static void put(Map<String, EnvVar> env, String name, String value) {
    env.put(name, new EnvVar(name, value, null));
  }
}
