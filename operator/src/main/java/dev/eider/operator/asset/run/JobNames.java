package dev.eider.operator.asset.run;

import dev.eider.operator.platform.KubeNames;

/**
 * Run Jobs are named {@code <asset>-<partition hash>-<run number>}: the same partition and run
 * number always give the same name, so an operator that restarts between recording a run and
 * creating its Job creates the same Job (409 if it exists), never a second one. At most 63
 * characters, because the Job controller copies the name into a pod label.
 */
public final class JobNames {

  private JobNames() {}

  public static String of(String asset, String partition, long seq) {
    // The whole 16-digit hash: with 8 digits, some two of 10,000 partitions share one about once
    // in a hundred assets, and their runs would share a Job.
    return KubeNames.join(asset, KubeNames.partitionHash(partition) + "-" + seq, KubeNames.LABEL_MAX);
  }
}
