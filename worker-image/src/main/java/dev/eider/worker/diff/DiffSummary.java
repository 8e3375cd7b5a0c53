package dev.eider.worker.diff;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eider.worker.run.TerminationMessage;
import java.util.List;
import java.util.stream.Stream;

/**
 * The diff's result for the operator ({@code status.dataDiff}): per table the counts and the names
 * of changed columns, as many tables as fit the termination message, differing tables first; the
 * rest are counted in {@code tablesOmitted} and are in the full report.
 */
public final class DiffSummary {

  private DiffSummary() {}

  public static ObjectNode build(List<TableDiff> diffs, String report) {
    ObjectNode result = TerminationMessage.newResult("diff");
    result.put("report", report);
    result.put("tablesCompared", diffs.size());
    result.put("tablesDiffering", diffs.stream().filter(TableDiff::differs).count());
    ArrayNode tables = result.putArray("tables");
    List<TableDiff> ordered = Stream.concat(diffs.stream().filter(TableDiff::differs),
        diffs.stream().filter(d -> !d.differs())).toList();
    int omitted = 0;
    for (TableDiff diff : ordered) {
      ObjectNode table = table(diff);
      tables.add(table);
      if (!TerminationMessage.fits(result.put("tablesOmitted", omitted + 1))) {
        tables.remove(tables.size() - 1);
        omitted++;
      }
    }
    result.put("tablesOmitted", omitted);
    return result;
  }

  private static ObjectNode table(TableDiff diff) {
    ObjectNode table = JsonNodeFactory.instance.objectNode();
    table.put("table", diff.table());
    table.put("differs", diff.differs());
    table.put("baseRows", diff.baseRows());
    table.put("branchRows", diff.branchRows());
    diff.rows().ifPresentOrElse(rows -> {
      table.put("added", rows.added());
      table.put("removed", rows.removed());
      table.put("changed", rows.changed());
    }, () -> table.put("note", diff.rowsNote()));
    names(table, "columnsAdded", diff.schema().added().stream().map(Column::name).toList());
    names(table, "columnsRemoved", diff.schema().removed().stream().map(Column::name).toList());
    names(table, "columnsRetyped", diff.schema().retyped().stream().map(SchemaChanges.Retyped::name).toList());
    names(table, "columnsChanged", diff.columns().stream().filter(ColumnDiff::differs).map(ColumnDiff::name).toList());
    return table;
  }

  private static void names(ObjectNode table, String field, List<String> names) {
    if (!names.isEmpty()) {
      ArrayNode array = table.putArray(field);
      names.forEach(array::add);
    }
  }
}
