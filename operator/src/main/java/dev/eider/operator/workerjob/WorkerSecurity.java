package dev.eider.operator.workerjob;

import dev.eider.operator.platform.EiderConfig;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;

/**
 * The security contexts of every worker pod: what the {@code restricted} Pod Security Standard
 * asks for, so that runs are admitted in namespaces that enforce it (branch namespaces do). The
 * root filesystem is read-only; the worker writes only to /tmp and the warehouse volume.
 */
final class WorkerSecurity {

  private WorkerSecurity() {}

  static PodSecurityContext pod(EiderConfig.Worker.Security security) {
    return new PodSecurityContextBuilder()
        .withRunAsNonRoot(true)
        .withRunAsUser(security.runAsUser())
        .withRunAsGroup(security.runAsGroup())
        .withFsGroup(security.fsGroup())
        .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
        .build();
  }

  static SecurityContext container() {
    return new SecurityContextBuilder()
        .withAllowPrivilegeEscalation(false)
        .withNewCapabilities().withDrop("ALL").endCapabilities()
        .withReadOnlyRootFilesystem(true)
        .withRunAsNonRoot(true)
        .build();
  }
}
