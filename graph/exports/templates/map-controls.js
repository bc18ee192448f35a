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
