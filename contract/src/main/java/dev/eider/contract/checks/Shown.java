package dev.eider.contract.checks;

import dev.eider.contract.result.PartitionKeys;

/** Text from a spec as a message quotes it: at most 80 characters, control characters escaped. */
final class Shown {

  private Shown() {}

  static String text(String value) {
    return value == null ? "" : PartitionKeys.shown(value);
  }
}
