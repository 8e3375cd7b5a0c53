package dev.eider.worker.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.DuckDb;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TableComparerTest {

  private Connection db;
  private TableComparer comparer;

  @BeforeEach
  void open() throws SQLException {
    db = DuckDb.inMemory();
    sql("ATTACH ':memory:' AS prod", "ATTACH ':memory:' AS br");
    comparer = new TableComparer(db);
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  private void sql(String... statements) throws SQLException {
    try (Statement statement = db.createStatement()) {
      for (String s : statements) {
        statement.execute(s);
      }
    }
  }

  private static TableRef prod(String table) {
    return new TableRef("prod", "main", table);
  }

  private static TableRef branch(String table) {
    return new TableRef("br", "main", table);
  }

  private static Map<String, ColumnDiff> byName(TableDiff diff) {
    return diff.columns().stream().collect(Collectors.toMap(ColumnDiff::name, Function.identity()));
  }

  @Test
  void countsAddedRemovedAndChangedRowsByKeyAndEachColumnsChanges() throws SQLException {
    sql("CREATE TABLE prod.posts (uri VARCHAR, likes INTEGER, text VARCHAR, lang VARCHAR, score INTEGER)",
        "INSERT INTO prod.posts VALUES ('a', 10, 'hello', 'en', 1), ('b', 20, NULL, 'en', 2),"
            + " ('c', 30, 'x', 'de', 3), ('d', 40, 'y', 'en', 4), ('e', 50, 'z', 'fr', 5)",
        // e removed, f added, b's text NULL -> 'now', c's likes 30 -> 31; score retyped; lang removed; rank added
        "CREATE TABLE br.posts (uri VARCHAR, likes INTEGER, text VARCHAR, score BIGINT, rank INTEGER)",
        "INSERT INTO br.posts VALUES ('a', 10, 'hello', 1, 1), ('b', 20, 'now', 2, 2),"
            + " ('c', 31, 'x', 3, 3), ('d', 40, 'y', 4, 4), ('f', 60, 'w', 6, 5)");

    TableDiff diff = comparer.compare(prod("posts"), branch("posts"), List.of("uri"));

    assertThat(diff.table()).isEqualTo("posts");
    assertThat(diff.baseRows()).isEqualTo(5);
    assertThat(diff.branchRows()).isEqualTo(5);
    assertThat(diff.rows()).contains(new RowChanges(1, 1, 2, 2));
    assertThat(diff.rowsNote()).isNull();
    assertThat(diff.schema().added()).containsExactly(new Column("rank", "INTEGER"));
    assertThat(diff.schema().removed()).containsExactly(new Column("lang", "VARCHAR"));
    assertThat(diff.schema().retyped()).containsExactly(new SchemaChanges.Retyped("score", "INTEGER", "BIGINT"));
    assertThat(diff.differs()).isTrue();

    Map<String, ColumnDiff> columns = byName(diff);
    assertThat(columns).containsOnlyKeys("uri", "likes", "text", "score");
    ColumnDiff likes = columns.get("likes");
    assertThat(likes.changedRows()).isEqualTo(1);
    assertThat(likes.base()).isEqualTo(new ColumnProfile(0, 5, "10", "50", 30.0));
    assertThat(likes.branch()).isEqualTo(new ColumnProfile(0, 5, "10", "60", 32.2));
    ColumnDiff text = columns.get("text");
    assertThat(text.changedRows()).isEqualTo(1);
    assertThat(text.base()).isEqualTo(new ColumnProfile(1, 4, "hello", "z", null));
    assertThat(text.branch()).isEqualTo(new ColumnProfile(0, 5, "hello", "y", null));
    // Retyped columns are compared as text: 1..4 are equal, e (5) and f (6) are not matched rows.
    assertThat(columns.get("score").changedRows()).isZero();
    assertThat(columns.get("score").retyped()).isTrue();
    assertThat(columns.get("uri").changedRows()).isZero();
  }

  @Test
  void nullKeysMatchEachOtherAndNullValuesAreEqualToNull() throws SQLException {
    sql("CREATE TABLE prod.t (k INTEGER, v VARCHAR)",
        "INSERT INTO prod.t VALUES (NULL, 'same'), (1, NULL), (2, NULL), (3, 'x')",
        "CREATE TABLE br.t (k INTEGER, v VARCHAR)",
        "INSERT INTO br.t VALUES (NULL, 'same'), (1, NULL), (2, 'set'), (3, NULL)");

    TableDiff diff = comparer.compare(prod("t"), branch("t"), List.of("k"));

    assertThat(diff.rows()).contains(new RowChanges(0, 0, 2, 2));
    ColumnDiff v = byName(diff).get("v");
    assertThat(v.changedRows()).isEqualTo(2);
    assertThat(v.base().nulls()).isEqualTo(2);
    assertThat(v.branch().nulls()).isEqualTo(2);
    assertThat(byName(diff).get("k").base().nulls()).isEqualTo(1);
  }

  @Test
  void withoutAKeyOnlyCountsAndColumnSummariesAreComparedAndTheReportSaysSo() throws SQLException {
    sql("CREATE TABLE prod.t (v INTEGER)", "INSERT INTO prod.t VALUES (1), (2), (3)",
        "CREATE TABLE br.t (v INTEGER)", "INSERT INTO br.t VALUES (1), (2), (3), (3)");

    TableDiff diff = comparer.compare(prod("t"), branch("t"), List.of());

    assertThat(diff.rows()).isEmpty();
    assertThat(diff.rowsNote()).isEqualTo("no key declared: rows compared by count only");
    assertThat(diff.baseRows()).isEqualTo(3);
    assertThat(diff.branchRows()).isEqualTo(4);
    assertThat(byName(diff).get("v").changedRows()).isNull();
    assertThat(byName(diff).get("v").branch()).isEqualTo(new ColumnProfile(0, 3, "1", "3", 2.25));
  }

  @Test
  void aKeyThatIsNotUniqueIsReportedWithHowOftenItRepeats() throws SQLException {
    sql("CREATE TABLE prod.t (k INTEGER, v INTEGER)", "INSERT INTO prod.t VALUES (1, 1), (2, 2)",
        "CREATE TABLE br.t (k INTEGER, v INTEGER)", "INSERT INTO br.t VALUES (1, 1), (1, 2), (2, 2), (2, 3), (3, 3)");

    TableDiff diff = comparer.compare(prod("t"), branch("t"), List.of("k"));

    assertThat(diff.rows()).isEmpty();
    assertThat(diff.rowsNote())
        .isEqualTo("key (k) is not unique: 0 rows repeat a key in production, 2 in the branch: rows compared by count only");
  }

  @Test
  void aKeyColumnTheBranchDroppedIsNamed() throws SQLException {
    sql("CREATE TABLE prod.t (k INTEGER, v INTEGER)", "CREATE TABLE br.t (v INTEGER)");

    TableDiff diff = comparer.compare(prod("t"), branch("t"), List.of("k"));

    assertThat(diff.rowsNote()).isEqualTo("key column k is missing from the branch: rows compared by count only");
    assertThat(diff.schema().removed()).containsExactly(new Column("k", "INTEGER"));
  }

  @Test
  void aTableProductionDoesNotHaveIsNewWithAllItsColumnsAdded() throws SQLException {
    sql("CREATE TABLE br.fresh (a INTEGER, b VARCHAR)", "INSERT INTO br.fresh VALUES (1, 'x'), (2, 'y')");

    TableDiff diff = comparer.compare(prod("fresh"), branch("fresh"), List.of("a"));

    assertThat(diff.baseRows()).isZero();
    assertThat(diff.branchRows()).isEqualTo(2);
    assertThat(diff.rowsNote()).isEqualTo("new table: production has no fresh");
    assertThat(diff.schema().added()).extracting(Column::name).containsExactly("a", "b");
    assertThat(diff.differs()).isTrue();
  }

  @Test
  void aTableTheBranchDoesNotHaveIsBadInput() throws SQLException {
    sql("CREATE TABLE prod.t (a INTEGER)");

    assertThatThrownBy(() -> comparer.compare(prod("t"), branch("t"), List.of()))
        .isInstanceOf(WorkerFailure.class)
        .hasMessage("diff: table t does not exist in the branch's database");
  }

  @Test
  void identicalTablesDoNotDiffer() throws SQLException {
    sql("CREATE TABLE prod.t AS SELECT range AS k, range * 1.5 AS v, 'r' || range AS s FROM range(1000)",
        "CREATE TABLE br.t AS SELECT * FROM prod.t ORDER BY k DESC");

    TableDiff diff = comparer.compare(prod("t"), branch("t"), List.of("k"));

    assertThat(diff.differs()).isFalse();
    assertThat(diff.rows()).contains(new RowChanges(0, 0, 0, 1000));
    assertThat(byName(diff).get("v").base().mean()).isEqualTo(749.25);
  }

  @Test
  void columnNamesThatLookLikeTheComparersOwnAliasesOrSqlAreJustNames() throws SQLException {
    sql("CREATE TABLE prod.t (p INTEGER, k0 INTEGER, c0 INTEGER, \"x\"\" OR 1=1 --\" INTEGER)",
        "INSERT INTO prod.t VALUES (1, 1, 1, 1), (2, 2, 2, 2)",
        "CREATE TABLE br.t AS SELECT * FROM prod.t", "UPDATE br.t SET \"x\"\" OR 1=1 --\" = 9 WHERE p = 2");

    TableDiff diff = comparer.compare(prod("t"), branch("t"), List.of("p"));

    assertThat(diff.rows()).contains(new RowChanges(0, 0, 1, 1));
    assertThat(byName(diff).get("x\" OR 1=1 --").changedRows()).isEqualTo(1);
    assertThat(byName(diff).get("k0").changedRows()).isZero();
  }

  @Test
  void listAndStructColumnsAreCountedButHaveNoMinOrMax() throws SQLException {
    sql("CREATE TABLE prod.t (k INTEGER, tags VARCHAR[], s STRUCT(a INTEGER))",
        "INSERT INTO prod.t VALUES (1, ['a'], {'a': 1}), (2, NULL, {'a': 2})",
        "CREATE TABLE br.t AS SELECT * FROM prod.t", "UPDATE br.t SET tags = ['a', 'b'] WHERE k = 1");

    TableDiff diff = comparer.compare(prod("t"), branch("t"), List.of("k"));

    ColumnDiff tags = byName(diff).get("tags");
    assertThat(tags.changedRows()).isEqualTo(1);
    assertThat(tags.base()).isEqualTo(new ColumnProfile(1, 1, null, null, null));
    assertThat(byName(diff).get("s").changedRows()).isZero();
  }

  @Test
  void compositeKeysMatchOnEveryPartAndCountRepeatsWithNullParts() throws SQLException {
    sql("CREATE TABLE prod.t (day DATE, uri VARCHAR, n INTEGER)",
        "INSERT INTO prod.t VALUES ('2026-12-01', 'a', 1), ('2026-12-01', NULL, 2), ('2026-12-02', 'a', 3)",
        "CREATE TABLE br.t (day DATE, uri VARCHAR, n INTEGER)",
        "INSERT INTO br.t VALUES ('2026-12-01', 'a', 1), ('2026-12-01', NULL, 5), ('2026-12-03', 'a', 3)");

    TableDiff diff = comparer.compare(prod("t"), branch("t"), List.of("day", "uri"));

    assertThat(diff.rows()).contains(new RowChanges(1, 1, 1, 1));

    sql("INSERT INTO br.t VALUES ('2026-12-01', NULL, 6)");
    assertThat(comparer.compare(prod("t"), branch("t"), List.of("day", "uri")).rowsNote())
        .isEqualTo("key (day, uri) is not unique: 0 rows repeat a key in production, 1 in the branch: rows compared by count only");
  }

  @Test
  void aOneColumnKeyWithTwoNullsIsNotUnique() throws SQLException {
    sql("CREATE TABLE prod.t (k INTEGER)", "INSERT INTO prod.t VALUES (1), (NULL), (NULL)",
        "CREATE TABLE br.t (k INTEGER)", "INSERT INTO br.t VALUES (1), (NULL)");

    assertThat(comparer.compare(prod("t"), branch("t"), List.of("k")).rowsNote())
        .isEqualTo("key (k) is not unique: 1 rows repeat a key in production, 0 in the branch: rows compared by count only");
  }
}
