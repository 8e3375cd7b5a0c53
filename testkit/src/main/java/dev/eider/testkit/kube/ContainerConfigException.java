package dev.eider.testkit.kube;

/**
 * A container cannot start because its configuration refers to something missing, such as a
 * Secret; the kubelet reports it as the waiting reason {@code CreateContainerConfigError} and
 * keeps the pod Pending, as a real kubelet does.
 */
class ContainerConfigException extends Exception {

  ContainerConfigException(String message) {
    super(message);
  }
}
