package dev.eider.operator.asset.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a partition runs. The first four are queued and served before automation; MANUAL, CRON and
 * REPLACE happen once (a request, a tick) and are kept in the partition's state ({@code due}) until
 * the run starts, so a run that waits for a slot is not forgotten. CODE_CHANGED: eager, and its
 * models' code version changed since the partition's latest run.
 */
public enum Trigger {
  MANUAL, RETRY, REPLACE, CRON, EAGER, CODE_CHANGED, MISSING;

  public boolean isRetry() {
    return this == RETRY;
  }

  /**
   * As stored in the state ConfigMaps: the lower-case name, the form earlier releases wrote as a
   * plain string ("manual", "cron", "replace"), so state stays readable both ways across an upgrade.
   */
  @JsonValue
  String stored() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a stored value in either case. Earlier releases queued anything but "manual" and
   * "replace" as a cron tick, so an unknown value still reads as CRON.
   */
  @JsonCreator
  static Trigger fromStored(String value) {
    for (Trigger trigger : values()) {
      if (trigger.name().equalsIgnoreCase(value)) {
        return trigger;
      }
    }
    return CRON;
  }
}
