package dev.eider.operator.ui;

/** Quoting for the commands the UI shows to copy: what a person pastes into a shell must mean exactly the name shown. */
final class Shell {

  private Shell() {
  }

  /** A word as is when it is plainly safe, else in single quotes. */
  static String quote(String word) {
    if (word != null && word.matches("[A-Za-z0-9._:/@=+-]+")) {
      return word;
    }
    return "'" + (word == null ? "" : word.replace("'", "'\\''")) + "'";
  }
}
