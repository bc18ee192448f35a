/* actorgraph map, part 4 of 6 — the filter controls and legends (types, polarities, relations, sides, camps). */
  // ---------------------------------------------------------------------
  // Controls
  // ---------------------------------------------------------------------
  function checkbox(parent, checked, swatch, label, count, onChange) {
    var lab = el("label", "opt");
    var box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); apply(); });
    lab.appendChild(box);
    if (swatch) { lab.appendChild(swatch); }
    lab.appendChild(el("span", null, label));
    if (count !== null) { lab.appendChild(el("span", "count", count)); }
    parent.appendChild(lab);
    return box;
  }
  DATA.types.forEach(function (t) {
    checkbox($("type-filters"), !t.hidden, shapeSwatch(t.shape, t.color), t.label, t.count,
      function (v) { state.types[t.id] = v; });
  });
  DATA.polarities.forEach(function (p) {
    var n = DATA.statements.filter(function (st) { return polarityOf(st) === p.id; }).length;
    if (!n) { return; }
    checkbox($("polarity-filters"), true, lineSwatch(p.color, "solid", 3), p.id, n, function (v) { state.pols[p.id] = v; });
  });
  var relBoxes = [];
  DATA.relTypes.forEach(function (r) {
    relBoxes.push([r.id, checkbox($("rel-filters"), true, lineSwatch(polColor[r.polarity], r.line, r.width), r.label,
      r.count, function (v) { state.rels[r.id] = v; })]);
  });
  function setAllRels(v) { relBoxes.forEach(function (pair) { state.rels[pair[0]] = v; pair[1].checked = v; }); apply(); }
  $("rel-all").addEventListener("click", function () { setAllRels(true); });
  $("rel-none").addEventListener("click", function () { setAllRels(false); });
  $("show-isolated").checked = state.isolated;
  $("show-isolated").addEventListener("change", function (e) { state.isolated = e.target.checked; apply(); });
  $("show-hyp").addEventListener("change", function (e) { state.hyp = e.target.checked; apply(); });
  $("show-undated").addEventListener("change", function (e) { state.undated = e.target.checked; apply(); });
  $("undated-signs").addEventListener("change", function (e) { state.undatedSigns = e.target.checked; apply(); });
  if (!DATA.statements.some(function (st) { return st.undated; })) {
    $("show-undated").parentNode.hidden = true; $("undated-signs").parentNode.hidden = true;
  }
  Array.prototype.forEach.call(document.querySelectorAll("input[name=colour]"), function (radio) {
    radio.addEventListener("change", function () { if (radio.checked) { state.colour = radio.value; apply(); } });
  });
  // sides: institutions beside their state, or folded into it
  if (hasSides) {
    var heads = {};
    Object.keys(SIDES).forEach(function (m) { (heads[SIDES[m]] = heads[SIDES[m]] || []).push(m); });
    $("sides-msg").textContent = Object.keys(heads).map(function (h) {
      return labelOf(h) + ": " + heads[h].map(labelOf).sort().join(", ");
    }).sort().join(" \u00b7 ");
    $("fold-sides").addEventListener("change", function (e) {
      state.fold = e.target.checked;
      drawnKeys = {};
      visEdges.clear();
      apply();
    });
  } else {
    $("sides-section").hidden = true;
  }
  function renderCampLegend(camps) {
    var box = $("camp-legend");
    box.textContent = "";
    if (!camps) { return; }
    var members = {};
    Object.keys(camps.of).forEach(function (id) {
      if (current && current.nodes[id]) { (members[camps.of[id]] = members[camps.of[id]] || []).push(id); }
    });
    Object.keys(members).sort(function (a, b) { return a - b; }).forEach(function (k) {
      var row = el("div", "camp");
      var dot = el("span", "dot");
      dot.style.background = CAMP_COLORS[k % CAMP_COLORS.length];
      row.appendChild(dot);
      var names = members[k].map(labelOf).sort();
      var name = camps.names && camps.names[k] ? camps.names[k] + " (" + names.length + "): " : "";
      row.appendChild(el("span", null, name + names.join(", ")));
      box.appendChild(row);
    });
    box.appendChild(el("p", "msg", "Camps: " + camps.how + ". Grey: no camp."));
  }

  // the legend under the map, always in view: shapes, colours, line styles (and the camps when shown)
  var LINE_STYLES = [["solid", "force, alliance, support"], ["dashed", "diplomatic, verbal"], ["dotted", "attitudes, structure"]];
  var legendKey = null;
  function legendItem(row, swatch, text) {
    var item = el("span", "litem");
    item.appendChild(swatch);
    item.appendChild(el("span", null, text));
    row.appendChild(item);
  }
  function dashSwatch(dashes, color) {
    var svg = svgEl("svg", { width: 26, height: 10, viewBox: "0 0 26 10" });
    svg.appendChild(svgEl("line", { x1: 1, y1: 5, x2: 25, y2: 5, stroke: color, "stroke-width": 2, "stroke-dasharray": dashes.join(" ") }));
    return svg;
  }
  function renderLegend(camps) {
    var campNames = camps ? Object.keys(camps.of).map(function (id) { return camps.of[id]; })
      .filter(function (k, i, all) { return all.indexOf(k) === i; }).sort() : null;
    var key = JSON.stringify([campNames, camps && camps.names, state.types, state.hyp, state.undated]);
    if (key === legendKey) { return; }
    legendKey = key;
    var box = $("legend");
    box.textContent = "";
    var actors = el("div", "lrow");
    if (camps) {
      actors.appendChild(el("span", "lhead", camps.names ? "Camps, the model's reading (not the source's words):" : "Camps (friendly links on this date):"));
      campNames.forEach(function (k) {
        var dot = svgEl("svg", { width: 12, height: 12, viewBox: "0 0 12 12" });
        dot.appendChild(svgEl("circle", { cx: 6, cy: 6, r: 5, fill: CAMP_COLORS[k % CAMP_COLORS.length], stroke: "#333", "stroke-width": 0.8 }));
        legendItem(actors, dot, camps.names && camps.names[k] ? camps.names[k] : "camp " + (+k + 1));
      });
      var grey = svgEl("svg", { width: 12, height: 12, viewBox: "0 0 12 12" });
      grey.appendChild(svgEl("circle", { cx: 6, cy: 6, r: 5, fill: "#d0d0d0", stroke: "#333", "stroke-width": 0.8 }));
      legendItem(actors, grey, "no camp");
    } else {
      actors.appendChild(el("span", "lhead", "Actors:"));
      DATA.types.forEach(function (t) { if (state.types[t.id]) { legendItem(actors, shapeSwatch(t.shape, t.color), t.label); } });
    }
    box.appendChild(actors);
    var signs = el("div", "lrow");
    signs.appendChild(el("span", "lhead", "Line colour, the pair's sign:"));
    ["friendly", "hostile", "mixed", "neutral"].forEach(function (p) { legendItem(signs, lineSwatch(polColor[p], "solid", 3), p); });
    box.appendChild(signs);
    var styles = el("div", "lrow");
    styles.appendChild(el("span", "lhead", "Line style:"));
    LINE_STYLES.forEach(function (ls) { legendItem(styles, lineSwatch("#555", ls[0], 2), ls[1]); });
    if (state.undated) { legendItem(styles, dashSwatch(UNDATED_DASHES, "#555"), "undated statements only"); }
    if (state.hyp) { legendItem(styles, dashSwatch(HYP_DASHES, "#555"), "potential / proposed"); }
    box.appendChild(styles);
  }
