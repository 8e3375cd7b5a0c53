package dev.eider.worker.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassListTest {

  @TempDir Path dir;

  @Test
  void listsMergeIntoEachLineOnceInTheOrderFirstSeenWithoutComments() throws Exception {
    Path ingest = Files.writeString(dir.resolve("ingest.classlist"), """
        # NOTE: Do not modify this file.
        java/lang/Object
        dev/eider/worker/WorkerMain
        @lambda-proxy dev/eider/worker/WorkerMain run ()Ljava/lang/Runnable; ()V REF_invokeStatic dev/eider/worker/WorkerMain lambda$run$0 ()V ()V

        """);
    Path transform = Files.writeString(dir.resolve("transform.classlist"), """
        # NOTE: Do not modify this file.
        java/lang/Object
        org/duckdb/DuckDBConnection
        dev/eider/worker/WorkerMain
        """);

    assertThat(ClassList.merge(List.of(ingest, transform))).containsExactly(
        "java/lang/Object",
        "dev/eider/worker/WorkerMain",
        "@lambda-proxy dev/eider/worker/WorkerMain run ()Ljava/lang/Runnable; ()V REF_invokeStatic dev/eider/worker/WorkerMain lambda$run$0 ()V ()V",
        "org/duckdb/DuckDBConnection");
  }

  @Test
  void aClassOfACustomLoaderIsRefusedNamingTheList() throws Exception {
    // Such lines carry ids that are only unique within their own list.
    Path list = Files.writeString(dir.resolve("custom.classlist"), "java/lang/Object id: 0\ncom/example/Plugin id: 1 super: 0 source: /plugins/p.jar\n");

    assertThatThrownBy(() -> ClassList.merge(List.of(list))).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(list + " names a class of a custom class loader")
        .hasMessageContaining("java/lang/Object id: 0");
  }
}
