package dev.eider.worker.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.contract.exit.ExitCodes;
import dev.eider.worker.run.WorkerFailure;
import dev.eider.worker.warehouse.WarehouseLocation.MotherDuck;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * MotherDuck at the SQL level: the motherduck extension is downloaded at run time, which our build
 * machines cannot do, so a recording connector stands in for the driver and the tests check what
 * would be sent: connection strings, the token's path (a property, never the URL) and statements.
 */
class MotherDuckWarehouseTest {

  private final List<String> sent = new ArrayList<>();
  private final Map<String, String> env = Map.of("MOTHERDUCK_TOKEN", "md-secret-token");

  private final JdbcConnector recording = (url, properties) -> {
    sent.add("connect " + url + " token=" + properties.getProperty("motherduck_token")
        + " agent=" + properties.getProperty("custom_user_agent"));
    return connection();
  };

  @Test
  void cloneIsAZeroCopyCreateDatabaseFrom() {
    try (Warehouse production = Warehouses.open(new MotherDuck("bluesky"), env, recording)) {
      production.cloneTo(new MotherDuck("bluesky_br_feature_x_3f9c"), false);
      production.cloneTo(new MotherDuck("bluesky_br_feature_x_3f9c"), true);
    }
    assertThat(sent).containsExactly(
        "connect jdbc:duckdb:md: token=md-secret-token agent=eider-worker/development",
        "execute CREATE DATABASE \"bluesky_br_feature_x_3f9c\" FROM \"bluesky\"",
        "close",
        "connect jdbc:duckdb:md: token=md-secret-token agent=eider-worker/development",
        "execute CREATE OR REPLACE DATABASE \"bluesky_br_feature_x_3f9c\" FROM \"bluesky\"",
        "close");
  }

  @Test
  void dropIsDropDatabaseIfExistsFromASessionNotUsingIt() {
    try (Warehouse branch = Warehouses.open(new MotherDuck("bluesky_br_x"), env, recording)) {
      assertThat(branch.drop()).isEqualTo(Warehouse.DropOutcome.DROPPED_IF_EXISTED);
    }
    assertThat(sent).containsExactly(
        "connect jdbc:duckdb:md: token=md-secret-token agent=eider-worker/development",
        "execute DROP DATABASE IF EXISTS \"bluesky_br_x\"",
        "close");
  }

  @Test
  void transformAndChecksRunInTheNamedDatabase() {
    try (Warehouse warehouse = Warehouses.open(new MotherDuck("bluesky"), env, recording);
         WarehouseSession session = warehouse.open(false)) {
      session.publish();
    }
    assertThat(sent).containsExactly("connect jdbc:duckdb:md:bluesky token=md-secret-token agent=eider-worker/development", "close");
  }

  @Test
  void statementsQuoteNamesAsIdentifiers() {
    assertThat(MotherDuckSql.createDatabaseFrom("a\"b", "prod", false)).isEqualTo("CREATE DATABASE \"a\"\"b\" FROM \"prod\"");
    assertThat(MotherDuckSql.dropDatabase("x")).isEqualTo("DROP DATABASE IF EXISTS \"x\"");
    assertThat(MotherDuckSql.databaseUrl("bluesky")).isEqualTo("jdbc:duckdb:md:bluesky");
  }

  @Test
  void aMissingTokenIsBadInput() {
    assertThatThrownBy(() -> Warehouses.open(new MotherDuck("bluesky"), Map.of(), recording))
        .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCodes.BAD_INPUT))
        .hasMessage("md:bluesky needs MOTHERDUCK_TOKEN (a MotherDuck access token, from a Secret)");
    assertThat(sent).isEmpty();
  }

  @Test
  void aConnectionFailureNamesTheDatabaseAndNeverTheToken() {
    JdbcConnector offline = (url, properties) -> {
      throw new SQLException("IO Error: Failed to download extension \"motherduck\" at URL \"http://extensions.duckdb.org/...\"");
    };
    try (Warehouse warehouse = Warehouses.open(new MotherDuck("bluesky"), env, offline)) {
      assertThatThrownBy(() -> warehouse.open(false))
          .isInstanceOfSatisfying(WorkerFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCodes.FAILED))
          .hasMessageStartingWith("cannot connect to MotherDuck (md:bluesky): IO Error: Failed to download extension")
          .hasMessageNotContaining("md-secret-token");
    }
  }

  @Test
  void cloningToAnotherKindIsRefused() {
    try (Warehouse production = Warehouses.open(new MotherDuck("bluesky"), env, recording)) {
      assertThatThrownBy(() -> production.cloneTo(new WarehouseLocation.ObjectFile("b", "k.duckdb"), false))
          .isInstanceOf(WorkerFailure.class).hasMessageContaining("both must be MotherDuck databases");
    }
    assertThat(sent).isEmpty();
  }

  /** A connection whose statements record what they execute. */
  private Connection connection() {
    Statement statement = (Statement) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Statement.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "execute" -> {
            sent.add("execute " + args[0]);
            yield false;
          }
          case "close" -> null;
          default -> throw new UnsupportedOperationException(method.getName());
        });
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "createStatement" -> statement;
          case "close" -> {
            sent.add("close");
            yield null;
          }
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
