package dev.eider.operator.asset.automation;

import java.time.Instant;

/**
 * A partition that should run now, and why.
 *
 * @param watermark the newest upstream materialization this run will read (eager bookkeeping)
 */
public record DueRun(String key, Trigger trigger, Instant watermark) {

  /**
   * Why a partition runs; the first four were queued and are served before automation.
   * CODE_CHANGED: eager, and its models' code version changed since the partition's latest run.
   */
  public enum Trigger {
    MANUAL, RETRY, REPLACE, CRON, EAGER, CODE_CHANGED, MISSING;

    public boolean isRetry() {
      return this == RETRY;
    }
  }
}
