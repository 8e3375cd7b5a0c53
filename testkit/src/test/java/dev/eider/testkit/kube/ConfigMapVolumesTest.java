package dev.eider.testkit.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigMapVolumesTest {

  @Test
  void onlyTheMountPathAndPathsUnderItArePointedAtTheVolumesDirectory() {
    Map<String, Path> mounts = Map.of("/eider/models", Path.of("/pods/p/volumes/sql-models"));

    assertThat(ConfigMapVolumes.rewrite("/eider/models", mounts)).isEqualTo("/pods/p/volumes/sql-models");
    assertThat(ConfigMapVolumes.rewrite("/eider/models/a.sql", mounts)).isEqualTo("/pods/p/volumes/sql-models/a.sql");
    assertThat(ConfigMapVolumes.rewrite("/eider/models-old", mounts)).isEqualTo("/eider/models-old");
    assertThat(ConfigMapVolumes.rewrite("SELECT 1", mounts)).isEqualTo("SELECT 1");
  }
}
