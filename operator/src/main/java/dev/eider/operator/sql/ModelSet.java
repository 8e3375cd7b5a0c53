package dev.eider.operator.sql;

import dev.eider.operator.api.asset.SqlConfigMapRef;
import java.util.List;
import java.util.Map;

/**
 * What an Asset's transform runs, resolved: the models to build ({@code transform --models}) and
 * where their SQL comes from when the worker image does not ship it.
 *
 * @param models the models to build, in name order (the worker orders them by dependency)
 * @param inlineModel the model {@code spec.transform.sql} defines, or null
 * @param inlineSql its SQL, or null
 * @param configMap the ConfigMap mounted for the worker, or null
 * @param codeVersion the fingerprints of the models it builds (their SQL and everything upstream
 *     of them): a new one makes the Asset stale, and an {@code eager} one runs again
 */
public record ModelSet(List<String> models, String inlineModel, String inlineSql, SqlConfigMapRef configMap,
                       CodeVersion codeVersion) {

  public static ModelSet shipped(List<String> models) {
    return new ModelSet(List.copyOf(models), null, null, null, ModelFingerprints.of(models, Map.of()));
  }
}
