package dev.eider.testkit.s3;

import java.nio.charset.StandardCharsets;

/** The XML body of an S3 error response. */
final class S3ErrorBody {

  private S3ErrorBody() {}

  static byte[] render(S3Failure failure, String resource, String requestId) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>");
    element(xml, "Code", failure.code());
    element(xml, "Message", failure.getMessage());
    failure.details().forEach((name, value) -> element(xml, name, value));
    element(xml, "Resource", resource);
    element(xml, "RequestId", requestId);
    xml.append("</Error>");
    return xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void element(StringBuilder xml, String name, String value) {
    xml.append('<').append(name).append('>').append(escape(value)).append("</").append(name).append('>');
  }

  private static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        case '\n' -> out.append("&#10;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
