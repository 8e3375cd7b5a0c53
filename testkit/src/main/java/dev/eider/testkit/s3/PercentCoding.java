package dev.eider.testkit.s3;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Percent-decoding of URI parts and the RFC 3986 encoding Signature V4 canonicalises query strings with. */
final class PercentCoding {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private PercentCoding() {}

  /**
   * Decodes {@code %XX} escapes as UTF-8. {@code +} stays a plus: in a path it is a literal
   * character, and the signature canonicalisation re-encodes it as {@code %2B} like the SDKs do.
   *
   * @throws IllegalArgumentException on a truncated or non-hex escape
   */
  static String decode(String encoded) {
    if (encoded.indexOf('%') < 0) {
      return encoded;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%') {
        if (i + 2 >= encoded.length()) {
          throw new IllegalArgumentException("truncated escape in " + encoded);
        }
        int high = Character.digit(encoded.charAt(i + 1), 16);
        int low = Character.digit(encoded.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw new IllegalArgumentException("bad escape in " + encoded);
        }
        bytes.write(high << 4 | low);
        i += 2;
      } else {
        byte[] utf8 = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        if (Character.isHighSurrogate(c) && i + 1 < encoded.length()) {
          utf8 = encoded.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
          i++;
        }
        bytes.writeBytes(utf8);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /**
   * Decodes a query-string value the way the servlet container behind the front does ({@code +}
   * is a space there), so a grant is checked against the prefix S3Mock will actually list.
   */
  static String decodeQueryValue(String encoded) {
    return decode(encoded.replace("+", "%20"));
  }

  /** RFC 3986: everything but the unreserved characters {@code A-Z a-z 0-9 - _ . ~} as {@code %XX}. */
  static String encode(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}
