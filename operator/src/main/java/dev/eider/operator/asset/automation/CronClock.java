package dev.eider.operator.asset.automation;

import com.cronutils.model.time.ExecutionTime;
import dev.eider.operator.asset.validation.CronExpressions;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/** The ticks of a cron expression in a time zone (validated specs only: parse errors are bugs here). */
public final class CronClock {

  private final ExecutionTime execution;
  private final ZoneId zone;

  private CronClock(ExecutionTime execution, ZoneId zone) {
    this.execution = execution;
    this.zone = zone;
  }

  public static CronClock of(String expression, String timezone) {
    var parsed = CronExpressions.parse(expression);
    ZoneId zone = CronExpressions.zone(timezone).orElseThrow(() -> new IllegalArgumentException("unknown time zone " + timezone));
    return new CronClock(ExecutionTime.forCron(parsed.cron().orElseThrow(() -> new IllegalArgumentException(parsed.error()))), zone);
  }

  public ZoneId zone() {
    return zone;
  }

  /** The latest tick at or before {@code at}. */
  public Optional<Instant> lastTickAtOrBefore(Instant at) {
    ZonedDateTime time = at.atZone(zone);
    if (execution.isMatch(time.withNano(0)) && time.getSecond() == 0 && time.getNano() == 0) {
      return Optional.of(at);
    }
    return execution.lastExecution(time).map(ZonedDateTime::toInstant);
  }

  /** The first tick strictly after {@code at}. */
  public Optional<Instant> nextTickAfter(Instant at) {
    return execution.nextExecution(at.atZone(zone)).map(ZonedDateTime::toInstant);
  }

  public Optional<ZonedDateTime> nextTickAfter(ZonedDateTime at) {
    return execution.nextExecution(at);
  }
}
