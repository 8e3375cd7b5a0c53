package dev.eider.contract.result;

/**
 * A result message the operator refuses to record: the run fails for good (reason
 * {@code InvalidResult}) with this message, which says what was wrong.
 */
public final class InvalidResultException extends Exception {

  public InvalidResultException(String message) {
    super(message);
  }
}
