package dev.eider.operator.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The code version of what an Asset's transform builds, as Dagster's code versions and SQLMesh's
 * fingerprints: one fingerprint per model (see {@link ModelFingerprints}) and one for the set.
 *
 * @param fingerprint the set's fingerprint: its models' names and fingerprints (16 hex characters)
 * @param models each model the asset builds and its fingerprint, by name
 */
public record CodeVersion(String fingerprint, SortedMap<String, String> models) {

  public CodeVersion {
    models = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(models));
  }

  /** The set's fingerprint of these model fingerprints. */
  static CodeVersion of(Map<String, String> models) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(models).forEach((model, fingerprint) -> text.append(model).append('=').append(fingerprint).append('\n'));
    return new CodeVersion(ModelFingerprints.hash(text.toString()), new TreeMap<>(models));
  }

  /** Models whose fingerprint differs from {@code before}'s (or that it lacked), in name order. */
  public List<String> changedSince(Map<String, String> before) {
    List<String> changed = new ArrayList<>();
    models.forEach((model, fingerprint) -> {
      if (!fingerprint.equals(before.get(model))) {
        changed.add(model);
      }
    });
    return changed;
  }
}
