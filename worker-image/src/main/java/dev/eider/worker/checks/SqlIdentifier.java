package dev.eider.worker.checks;

import dev.eider.worker.cli.WorkerFailure;
import java.util.regex.Pattern;

/**
 * The names a check spec may give for a table or column. They are quoted where pasted into SQL
 * too; the pattern is what makes a name like {@code uri" IS NULL OR 1=1 --} bad input instead of
 * a check that quietly looks at a column that does not exist.
 */
final class SqlIdentifier {

  static final int MAX_LENGTH = 63;
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private SqlIdentifier() {}

  /** Refuses {@code name} (the check's {@code field}) unless it is a plain identifier; null passes. */
  static void requirePlain(String name, String field, String what) {
    if (name != null && (name.length() > MAX_LENGTH || !PLAIN.matcher(name).matches())) {
      throw WorkerFailure.badInput(what + ": " + field + " '" + name + "' is not a plain SQL identifier "
          + "(letters, digits and _, not starting with a digit, at most " + MAX_LENGTH + " characters)");
    }
  }
}
