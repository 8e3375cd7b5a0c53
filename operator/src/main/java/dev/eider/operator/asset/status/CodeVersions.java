package dev.eider.operator.asset.status;

import dev.eider.operator.api.asset.AssetConditions;
import static dev.eider.operator.api.asset.AssetConditions.CODE_CHANGED;
import static dev.eider.operator.api.asset.AssetConditions.CODE_CURRENT;
import static dev.eider.operator.api.asset.AssetConditions.CODE_VERSION;
import static dev.eider.operator.api.asset.AssetConditions.NEVER_MATERIALIZED;

import dev.eider.operator.api.asset.CodeVersionStatus;
import dev.eider.operator.api.asset.CodeVersionStatus.ModelVersion;
import dev.eider.operator.sql.CodeVersion;
import dev.eider.operator.asset.state.PartitionState;
import dev.eider.operator.asset.state.PartitionStates;
import dev.eider.operator.platform.Conditions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CodeVersion condition and {@code status.codeVersion} of a transform: whether its materialized
 * partitions hold what the current code builds, and if not, which models changed. A partition's
 * state records the code version its latest successful run was launched with; the models' own
 * fingerprints as last materialized everywhere are kept in the status, to name what changed.
 */
final class CodeVersions {

  /** Models named in the condition's message; the status lists them all. */
  static final int MODELS_NAMED = 10;

  private CodeVersions() {}

  static CodeVersionStatus status(CodeVersion current, List<String> keys, PartitionStates states, CodeVersionStatus previous,
      boolean eager, Conditions conditions) {
    int materialized = 0;
    int changed = 0;
    String oldest = null;
    for (String key : keys) {
      PartitionState state = states.get(key);
      if (state.materializedAt() == null || state.materializedCodeVersion() == null) {
        continue;
      }
      materialized++;
      if (!current.fingerprint().equals(state.materializedCodeVersion())) {
        changed++;
        oldest = oldest == null ? state.materializedCodeVersion() : oldest;
      }
    }
    CodeVersionStatus status = new CodeVersionStatus();
    status.setFingerprint(current.fingerprint());
    status.setChangedPartitions(changed);
    Map<String, String> before = new HashMap<>();
    if (previous != null && previous.getModels() != null) {
      previous.getModels().stream().filter(model -> model.getName() != null && model.getMaterialized() != null)
          .forEach(model -> before.put(model.getName(), model.getMaterialized()));
    }
    if (changed == 0) {
      boolean none = materialized == 0;
      status.setState(CodeVersionStatus.CURRENT);
      status.setMaterialized(none ? null : current.fingerprint());
      current.models().forEach((model, fingerprint) -> status.getModels().add(new ModelVersion(model, fingerprint,
          none ? null : fingerprint)));
      if (none) {
        conditions.set(CODE_VERSION, true, NEVER_MATERIALIZED, "no materialization yet; the code version is " + current.fingerprint());
      } else {
        conditions.set(CODE_VERSION, true, CODE_CURRENT, "every materialized partition holds code version " + current.fingerprint());
      }
      return status;
    }
    status.setState(CodeVersionStatus.CHANGED);
    status.setMaterialized(oldest);
    current.models().forEach((model, fingerprint) -> status.getModels().add(new ModelVersion(model, fingerprint, before.get(model))));
    conditions.set(CODE_VERSION, false, CODE_CHANGED, message(current, before, changed, materialized, oldest, eager));
    return status;
  }

  private static String message(CodeVersion current, Map<String, String> before, int changed, int materialized, String oldest,
      boolean eager) {
    List<String> models = before.isEmpty() ? List.of() : current.changedSince(before);
    StringBuilder message = new StringBuilder("code changed since the latest materialization");
    if (!models.isEmpty()) {
      message.append(models.size() == 1 ? ": model " : ": models ")
          .append(String.join(", ", models.subList(0, Math.min(models.size(), MODELS_NAMED))))
          .append(models.size() > MODELS_NAMED ? " and " + (models.size() - MODELS_NAMED) + " more" : "");
    }
    message.append(" (version ").append(oldest).append(" -> ").append(current.fingerprint()).append(")");
    if (materialized > 1) {
      message.append("; ").append(changed).append(" of ").append(materialized).append(" materialized partitions hold the earlier code");
    }
    message.append(eager ? "; eager automation runs them again" : "; not eager: materialize it (annotation eider.dev/materialize) to "
        + "run the new code");
    return message.toString();
  }
}
