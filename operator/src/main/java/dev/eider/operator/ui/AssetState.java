package dev.eider.operator.ui;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.AssetConditions;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Optional;

/**
 * The one state an asset is shown in (its colour), from its conditions, most urgent first: a
 * failure, then being held by an upstream check, then a run in progress, then staleness, then Ready.
 */
public enum AssetState {
  FAILED("failed"),
  BLOCKED("blocked"),
  MATERIALIZING("materializing"),
  STALE("stale"),
  READY("ready"),
  /** None of the above yet: never materialized, or not reconciled yet. */
  PENDING("pending");

  private final String label;

  AssetState(String label) {
    this.label = label;
  }

  /** Lower case, for people and CSS classes ({@code state-failed}). */
  public String label() {
    return label;
  }

  public static AssetState of(Asset asset) {
    List<Condition> conditions = asset.getStatus() == null ? List.of() : asset.getStatus().getConditions();
    if (isTrue(conditions, AssetConditions.FAILED)
        || condition(conditions, AssetConditions.READY).map(c -> AssetConditions.INVALID_SPEC.equals(c.getReason())).orElse(false)) {
      return FAILED;
    }
    if (isTrue(conditions, AssetConditions.BLOCKED)) {
      return BLOCKED;
    }
    if (isTrue(conditions, AssetConditions.MATERIALIZING)) {
      return MATERIALIZING;
    }
    if (condition(conditions, AssetConditions.FRESH).map(c -> "False".equals(c.getStatus())
        && AssetConditions.STALE.equals(c.getReason())).orElse(false)) {
      return STALE;
    }
    if (isTrue(conditions, AssetConditions.READY)) {
      return READY;
    }
    return PENDING;
  }

  /** Why, in one line: the reason and message of the condition that decided the state. */
  public static String why(Asset asset) {
    List<Condition> conditions = asset.getStatus() == null ? List.of() : asset.getStatus().getConditions();
    String type = switch (of(asset)) {
      case FAILED -> isTrue(conditions, AssetConditions.FAILED) ? AssetConditions.FAILED : AssetConditions.READY;
      case BLOCKED -> AssetConditions.BLOCKED;
      case MATERIALIZING -> AssetConditions.MATERIALIZING;
      case STALE -> AssetConditions.FRESH;
      case READY, PENDING -> AssetConditions.READY;
    };
    return condition(conditions, type)
        .map(c -> (c.getReason() == null ? "" : c.getReason()) + (c.getMessage() == null || c.getMessage().isBlank() ? "" : ": " + c.getMessage()))
        .orElse("not reconciled yet");
  }

  static Optional<Condition> condition(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private static boolean isTrue(List<Condition> conditions, String type) {
    return condition(conditions, type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }
}
