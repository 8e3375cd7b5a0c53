package dev.eider.worker.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.worker.run.WorkerFailure;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlProjectTest {

  @TempDir Path dir;

  @Test
  void theProjectIsReadFromInsideAJarAsTheWorkerImageRunsIt() throws Exception {
    Path source = WarehouseTestSupport.copyOfSqlProject(dir);
    Path jar = dir.resolve("worker.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(source)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry("sql/" + source.relativize(file).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(file));
        out.closeEntry();
      }
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
      SqlProject project = SqlProject.fromClasspath(loader);
      assertThat(project.models()).containsOnlyKeys("activity_over_time", "all_profiles", "calendar", "latest_feed",
          "member_stats", "top_daily_posts", "top_domains", "top_external_links");
      assertThat(project.rawTables()).containsOnlyKeys("raw_feed_items", "raw_list_items");
      assertThat(project.rawTableOfAsset("actor-feed-snapshot")).map(RawSource::table).contains("raw_feed_items");
      assertThat(project.checks()).isPresent();
    }
  }

  @Test
  void aDirectoryOverridesThePackagedProject() throws Exception {
    Path sql = Files.createDirectories(dir.resolve("own/models"));
    Files.writeString(sql.resolve("only_model.sql"), "SELECT 1 AS x");
    SqlProject project = SqlProject.load(Map.of("EIDER_SQL_DIR", sql.getParent().toString()));
    assertThat(project.models()).containsOnlyKeys("only_model");
    assertThat(project.rawTables()).isEmpty();
    assertThat(project.origin()).isEqualTo("EIDER_SQL_DIR=" + sql.getParent());
  }

  @Test
  void badProjectsAreBadInput() throws Exception {
    assertThatThrownBy(() -> SqlProject.load(Map.of("EIDER_SQL_DIR", dir.resolve("missing").toString())))
        .isInstanceOf(WorkerFailure.class).hasMessageEndingWith("has no models/ directory");
    Path sql = Files.createDirectories(dir.resolve("bad/models"));
    Files.writeString(sql.resolve("Top-Posts.sql"), "SELECT 1");
    assertThatThrownBy(() -> SqlProject.load(Map.of("EIDER_SQL_DIR", sql.getParent().toString())))
        .isInstanceOf(WorkerFailure.class).hasMessageStartingWith("model file Top-Posts.sql");
    Files.delete(sql.resolve("Top-Posts.sql"));
    Files.writeString(sql.getParent().resolve("sources.yaml"), "rawTables:\n  raw_x: {description: no asset}\n");
    assertThatThrownBy(() -> SqlProject.load(Map.of("EIDER_SQL_DIR", sql.getParent().toString())))
        .isInstanceOf(WorkerFailure.class).hasMessageContaining("raw table 'raw_x' needs a lower-case name and an asset");
  }
}
