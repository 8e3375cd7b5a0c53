package dev.eider.operator.asset.run;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;

/** The operator's informer cache of run Jobs, told about the Jobs it creates so counts never lag. */
public interface JobCache {

  List<Job> inNamespace(String namespace);

  void created(Job job);
}
