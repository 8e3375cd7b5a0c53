package dev.eider.testkit.s3;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The keys a DeleteObjects body ({@code <Delete><Object><Key>..</Key></Object>..</Delete>}) names. */
final class DeleteObjectsKeys {

  private DeleteObjectsKeys() {}

  static List<String> parse(byte[] body) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      // The body comes from the client: no DTDs, no external entities.
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setExpandEntityReferences(false);
      Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body)).getDocumentElement();
      if (!root.getLocalName().equals("Delete")) {
        throw malformed();
      }
      List<String> keys = new ArrayList<>();
      for (Node object = root.getFirstChild(); object != null; object = object.getNextSibling()) {
        if (object instanceof Element element && element.getLocalName().equals("Object")) {
          keys.add(key(element));
        }
      }
      if (keys.isEmpty()) {
        throw malformed();
      }
      return keys;
    } catch (S3Failure e) {
      throw e;
    } catch (Exception e) {
      throw malformed();
    }
  }

  private static String key(Element object) {
    for (Node child = object.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element && element.getLocalName().equals("Key")) {
        return element.getTextContent();
      }
    }
    throw malformed();
  }

  private static S3Failure malformed() {
    return new S3Failure(400, "MalformedXML",
        "The XML you provided was not well-formed or did not validate against our published schema");
  }
}
