package dev.eider.operator.ui;

import static dev.eider.operator.ui.Html.segment;

import dev.eider.operator.api.asset.Asset;
import dev.eider.operator.api.branch.BranchDeployment;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The start page: every namespace with Assets (production and branches), with their assets counted by state. */
final class HomePage {

  private HomePage() {
  }

  static String render(List<Asset> assets, List<BranchDeployment> branches) {
    Map<String, Map<AssetState, Integer>> byNamespace = new TreeMap<>();
    for (Asset asset : assets) {
      byNamespace.computeIfAbsent(asset.getMetadata().getNamespace(), ns -> new EnumMap<>(AssetState.class))
          .merge(AssetState.of(asset), 1, Integer::sum);
    }
    Page page = new Page("Namespaces");
    page.h1("Namespaces with assets");
    if (byNamespace.isEmpty()) {
      page.p("muted", "No Assets in the namespaces this operator watches.");
    } else {
      page.tableHead("namespaces", "namespace", "assets", "by state");
      byNamespace.forEach((namespace, counts) -> {
        page.raw("<tr data-namespace=\"").text(namespace).raw("\"><td><a href=\"/ui/ns/").text(segment(namespace)).raw("\">")
            .text(namespace).raw("</a></td><td>").text(counts.values().stream().mapToInt(Integer::intValue).sum()).raw("</td><td>");
        counts.forEach((state, count) -> page.raw("<span class=\"badge state-").raw(state.label()).raw("\">")
            .text(count + " " + state.label()).raw("</span> "));
        page.raw("</td></tr>");
      });
      page.tableEnd();
    }
    page.h2("branches", "Branch deployments");
    page.raw("<p><a href=\"/ui/branches\">").text(branches.size() + " branch deployment" + (branches.size() == 1 ? "" : "s"))
        .raw("</a></p>");
    return page.end();
  }
}
