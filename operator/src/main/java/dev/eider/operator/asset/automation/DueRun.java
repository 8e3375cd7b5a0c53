package dev.eider.operator.asset.automation;

import dev.eider.operator.asset.state.Trigger;
import java.time.Instant;

/**
 * A partition that should run now, and why.
 *
 * @param watermark the newest upstream materialization this run will read (eager bookkeeping)
 */
public record DueRun(String key, Trigger trigger, Instant watermark) {}
