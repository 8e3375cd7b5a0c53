package dev.eider.operator.asset.validation;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/** Five-field Unix cron expressions and IANA zones, parsed by cron-utils and java.time. */
public final class CronExpressions {

  private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private CronExpressions() {}

  /** The parsed expression, or the parser's reason it is not one. */
  public static Parsed parse(String expression) {
    try {
      Cron cron = UNIX.parse(expression);
      cron.validate();
      return new Parsed(Optional.of(cron), null);
    } catch (IllegalArgumentException e) {
      return new Parsed(Optional.empty(), e.getMessage());
    }
  }

  public static Optional<ZoneId> zone(String name) {
    try {
      return Optional.of(ZoneId.of(name == null ? "UTC" : name));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** A parse result: the cron, or why there is none. */
  public record Parsed(Optional<Cron> cron, String error) {}
}
