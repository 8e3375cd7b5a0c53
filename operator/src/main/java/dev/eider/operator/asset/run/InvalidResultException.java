package dev.eider.operator.asset.run;

/**
 * A run's result the operator refuses to record: the run fails with {@link dev.eider.operator.workerjob.FailureReason#InvalidResult}
 * and this message, which says what was wrong.
 */
public final class InvalidResultException extends Exception {

  InvalidResultException(String message) {
    super(message);
  }
}
