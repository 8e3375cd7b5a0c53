package dev.eider.testkit.s3;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/** Where the front sends a request it has admitted, for the answer the client gets. */
interface RequestForwarder {

  void forward(IncomingRequest request, HttpExchange exchange) throws IOException;
}
