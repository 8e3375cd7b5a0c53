package dev.eider.testkit.s3;

import org.apache.catalina.connector.Connector;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Binds S3Mock's Tomcat connectors to 127.0.0.1, so only the front can reach it. S3Mock serves
 * plain HTTP on a connector it declares as a bean of its own, which {@code server.address} does
 * not reach (that property binds only Spring Boot's main, HTTPS, connector); this post-processor,
 * handed to S3Mock's Spring application as an extra source, sets the address on every connector
 * bean before Tomcat starts it.
 *
 * <p>Keep-alive never times out on these connectors: the front's client reuses idle connections,
 * and a server closing one just as the client reuses it would fail that request. Only the front's
 * client ever connects, and it closes its idle connections itself.
 */
final class LoopbackConnectors implements BeanPostProcessor {

  static final String ADDRESS = "127.0.0.1";

  @Override
  public Object postProcessBeforeInitialization(Object bean, String beanName) {
    if (bean instanceof Connector connector) {
      connector.setProperty("address", ADDRESS);
      connector.setProperty("keepAliveTimeout", "-1");
    }
    return bean;
  }
}
