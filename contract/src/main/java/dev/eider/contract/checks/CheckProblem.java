package dev.eider.contract.checks;

/**
 * What is wrong with a check definition: {@code field} is the field's path within the check
 * ({@code column}, {@code values[3]}; empty for the check as a whole), and {@code message} reads
 * after it ({@code "column: is required by unique"}).
 */
public record CheckProblem(String field, String message) {

  /** {@code field: message}, or the message alone for the check as a whole. */
  @Override
  public String toString() {
    return field.isEmpty() ? message : field + ": " + message;
  }
}
