package dev.eider.operator.workerjob;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Creates a worker Job that may already exist. Worker Jobs have deterministic names (the same run,
 * clone or drop is the same name), so an operator that restarts after creating one creates it again
 * and gets 409: that Job is the one wanted, never a second.
 */
public final class JobCreation {

  private static final Logger LOG = Logger.getLogger(JobCreation.class);

  private JobCreation() {}

  /** The Job as created, or empty when one of its name already existed. */
  public static Optional<Job> createIfAbsent(KubernetesClient client, Job job) {
    try {
      Job created = client.resource(job).create();
      LOG.debugf("created Job %s/%s", job.getMetadata().getNamespace(), job.getMetadata().getName());
      return Optional.of(created);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      LOG.debugf("Job %s already exists", job.getMetadata().getName());
      return Optional.empty();
    }
  }
}
