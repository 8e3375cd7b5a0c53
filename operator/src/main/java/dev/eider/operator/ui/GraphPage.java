package dev.eider.operator.ui;

import static dev.eider.operator.ui.Html.segment;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.asset.DependencySpec;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A namespace's asset graph: one SVG box per asset in its state's colour (name, group, last run),
 * one arrow per dependency inside the namespace, and the same assets as a table below.
 */
final class GraphPage {

  private GraphPage() {
  }

  /** @param branch the BranchDeployment that made this namespace, if it is a branch's */
  static String render(String namespace, List<Asset> assets, java.util.Optional<String> branch) {
    List<Asset> sorted = assets.stream().sorted(Comparator.comparing(a -> a.getMetadata().getName())).toList();
    Map<String, List<String>> deps = new LinkedHashMap<>();
    Map<String, Asset> byName = new LinkedHashMap<>();
    for (Asset asset : sorted) {
      byName.put(asset.getMetadata().getName(), asset);
      deps.put(asset.getMetadata().getName(), asset.getSpec() == null || asset.getSpec().getDeps() == null ? List.of()
          : asset.getSpec().getDeps().stream().map(DependencySpec::getAsset).filter(java.util.Objects::nonNull).toList());
    }
    GraphLayout layout = GraphLayout.of(deps);
    String base = "/ui/ns/" + segment(namespace);
    Page page = new Page("Assets of " + namespace, base, namespace);
    page.h1("Assets of namespace " + namespace);
    branch.ifPresent(name -> page.raw("<p id=\"branch\">The namespace of branch deployment <a href=\"/ui/branches/").text(segment(name))
        .raw("\">").text(name).raw("</a>.</p>"));
    page.raw("<p class=\"legend\">");
    for (AssetState state : AssetState.values()) {
      page.raw("<span class=\"badge state-").raw(state.label()).raw("\">").text(state.label()).raw("</span>");
    }
    page.raw("</p>");
    page.raw("<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"asset lineage\" width=\"")
        .raw(Integer.toString(layout.width())).raw("\" height=\"").raw(Integer.toString(layout.height())).raw("\" viewBox=\"0 0 ")
        .raw(layout.width() + " " + layout.height()).raw("\">")
        .raw("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">")
        .raw("<path d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>");
    for (GraphLayout.Edge edge : layout.edges()) {
      GraphLayout.Node from = layout.nodes().get(edge.from());
      GraphLayout.Node to = layout.nodes().get(edge.to());
      int x1 = from.x() + GraphLayout.NODE_WIDTH;
      int y1 = from.y() + GraphLayout.NODE_HEIGHT / 2;
      int x2 = to.x();
      int y2 = to.y() + GraphLayout.NODE_HEIGHT / 2;
      int bend = Math.max(20, (x2 - x1) / 2);
      page.raw("<path class=\"edge\" data-from=\"").text(edge.from()).raw("\" data-to=\"").text(edge.to()).raw("\" d=\"M")
          .raw(x1 + "," + y1 + " C" + (x1 + bend) + "," + y1 + " " + (x2 - bend) + "," + y2 + " " + x2 + "," + y2).raw("\"/>");
    }
    for (GraphLayout.Node node : layout.nodes().values()) {
      Asset asset = byName.get(node.name());
      AssetState state = AssetState.of(asset);
      String group = asset.getSpec() == null ? null : asset.getSpec().getGroup();
      page.raw("<a href=\"").text(base + "/assets/" + segment(node.name())).raw("\">")
          .raw("<g class=\"node state-").raw(state.label()).raw("\" data-asset=\"").text(node.name())
          .raw("\" data-state=\"").raw(state.label()).raw("\" transform=\"translate(").raw(node.x() + "," + node.y()).raw(")\">")
          .raw("<title>").text(node.name() + ": " + state.label() + " (" + AssetState.why(asset) + ")").raw("</title>")
          .raw("<rect width=\"" + GraphLayout.NODE_WIDTH + "\" height=\"" + GraphLayout.NODE_HEIGHT + "\"/>")
          .raw("<rect class=\"bar\" width=\"6\" height=\"" + GraphLayout.NODE_HEIGHT + "\"/>")
          .raw("<text x=\"14\" y=\"19\">").text(clip(node.name(), 26)).raw("</text>")
          .raw("<text class=\"sub\" x=\"14\" y=\"37\">").text(clip((group == null ? "" : group + " · ") + state.label()
              + lastRun(asset).map(t -> " · " + Times.shortly(t)).orElse(""), 36)).raw("</text></g></a>");
    }
    page.raw("</svg>");
    page.h2("assets", "Assets");
    page.tableHead("assets", "asset", "group", "state", "why", "partitions", "last run");
    for (Asset asset : sorted) {
      AssetState state = AssetState.of(asset);
      String name = asset.getMetadata().getName();
      page.raw("<tr data-asset=\"").text(name).raw("\"><td><a href=\"").text(base + "/assets/" + segment(name)).raw("\">").text(name)
          .raw("</a></td><td>").text(asset.getSpec() == null ? "" : asset.getSpec().getGroup())
          .raw("</td><td><span class=\"badge state-").raw(state.label()).raw("\">").text(state.label()).raw("</span></td><td>")
          .text(AssetState.why(asset)).raw("</td><td>").text(partitions(asset)).raw("</td><td>").text(lastRun(asset).map(Times::of).orElse("never"))
          .raw("</td></tr>");
    }
    page.tableEnd();
    return page.end();
  }

  static java.util.Optional<String> lastRun(Asset asset) {
    return asset.getStatus() == null || asset.getStatus().getLastMaterialization() == null
        ? java.util.Optional.empty() : java.util.Optional.ofNullable(asset.getStatus().getLastMaterialization().getFinishedAt());
  }

  private static String partitions(Asset asset) {
    if (asset.getStatus() == null || asset.getStatus().getPartitions() == null) {
      return "";
    }
    var counts = asset.getStatus().getPartitions();
    return (counts.getMaterialized() == null ? 0 : counts.getMaterialized()) + " / " + (counts.getTotal() == null ? 0 : counts.getTotal())
        + (counts.getFailed() != null && counts.getFailed() > 0 ? ", " + counts.getFailed() + " failed" : "");
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

}
