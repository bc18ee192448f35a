/* actorgraph map, part 6 of 6 — search, fit/reset, then the start-up (bounded stabilisation, window.actorgraph). */
  // search: actors and places, by name or alias
  // [normalised name, id, rank]: labels before aliases, actors before places ("Kabul" the city, not the regime's alias)
  var names = [];
  DATA.nodes.forEach(function (n) {
    var place = n.type === "Place" ? 1 : 0;
    names.push([normalise(n.label), n.id, place]);
    (n.aliases || []).forEach(function (a) { names.push([normalise(a), n.id, place + 2]); });
  });
  names.sort(function (a, b) { return a[2] - b[2]; });
  var datalist = $("actor-names");
  DATA.nodes.slice(0, 3000).forEach(function (n) { var o = document.createElement("option"); o.value = n.label; datalist.appendChild(o); });
  function findActor(query) {
    var q = normalise(query);
    if (!q) { return null; }
    var tests = [function (p) { return p[0] === q; }, function (p) { return p[0].indexOf(q) === 0; },
      function (p) { return p[0].indexOf(q) >= 0; }];
    for (var i = 0; i < tests.length; i++) {
      var hit = names.filter(tests[i]);
      if (hit.length) { return hit[0][1]; }
    }
    return null;
  }
  function focusActor(id) {
    state.pinned = {};
    if (DATA.focus) { state.pinned[DATA.focus] = true; }
    state.pinned[id] = true;
    apply();
    var shown = drawnAs(id);
    network.selectNodes([shown]);
    network.focus(shown, { scale: Math.max(network.getScale() * 1.5, 1.1), animation: false });
    declutter();
    showNode(id);
  }
  function doSearch() {
    var query = $("search").value;
    var id = findActor(query);
    if (id === null) { $("search-msg").textContent = query.trim() ? "No actor or place matches \u201c" + query + "\u201d." : ""; return; }
    $("search-msg").textContent = "Showing " + labelOf(id) + (nodeById[id].type === "Place" ? " (a place)." : ".");
    focusActor(id);
  }
  $("search").addEventListener("keydown", function (e) { if (e.key === "Enter") { doSearch(); } });
  $("search").addEventListener("change", doSearch);
  $("search-go").addEventListener("click", doSearch);
  /** Fit / reset: forget the search, close the panel, show every visible actor. */
  function resetView() {
    state.pinned = {};
    if (DATA.focus) { state.pinned[DATA.focus] = true; }
    $("search").value = "";
    $("search-msg").textContent = "";
    closePanel();
    apply();
    network.setSize("100%", "100%");  // the canvas grew back when the panel closed: measure it before fitting
    fitAll();
  }
  /** Fit every shown actor with its full label (as on opening), then declutter for that zoom. */
  function fitAll() {
    var ids = Object.keys(current.nodes), pos = network.getPositions(ids);
    var x1 = Infinity, x2 = -Infinity, y1 = Infinity, y2 = -Infinity;
    ids.forEach(function (id) {
      var p = pos[id], r = nodeById[id] ? nodeSize(nodeById[id]) : 12;
      if (!p) { return; }
      // room for the node and a short label under it (labels come and go with the declutter; the fit does not)
      x1 = Math.min(x1, p.x - r - 60); x2 = Math.max(x2, p.x + r + 60);
      y1 = Math.min(y1, p.y - r - 6); y2 = Math.max(y2, p.y + r + FONT * 1.6);
    });
    if (x1 === Infinity) { return; }
    var w = container.clientWidth || 800, h = container.clientHeight || 600;
    var scale = Math.min(w / (x2 - x1), h / (y2 - y1), 1.6) * 0.96;
    network.moveTo({ position: { x: (x1 + x2) / 2, y: (y1 + y2) / 2 }, scale: scale, animation: false });
    declutter();
  }
  $("reset").addEventListener("click", resetView);

  // ---------------------------------------------------------------------
  // Bounded stabilisation, then physics off
  // ---------------------------------------------------------------------
  var settled = false;
  var timings = { built: performance.now() };
  /** Institutions in a small ring next to the state they act for (the simulation only pulls them close). */
  function placeBesideHeads() {
    var byHead = {};
    Object.keys(SIDES).sort().forEach(function (m) { (byHead[SIDES[m]] = byHead[SIDES[m]] || []).push(m); });
    Object.keys(byHead).forEach(function (h) {
      var hp = network.getPositions([h])[h];
      if (!hp) { return; }
      var group = byHead[h], r = 62 + 6 * group.length;
      group.forEach(function (m, i) {
        var angle = 2 * Math.PI * i / group.length + 0.6;
        network.moveNode(m, hp.x + r * 1.25 * Math.cos(angle), hp.y + r * Math.sin(angle));
      });
    });
  }
  function settle() {
    if (settled) { return; }
    settled = true;
    timings.stabilised = performance.now();
    network.stopSimulation();
    network.setOptions({ physics: { enabled: false } });
    placeBesideHeads();
    visEdges.clear();
    drawnKeys = {};
    apply();
    fitAll();
    $("busy").hidden = true;
    timings.ready = performance.now();
    document.body.setAttribute("data-ready", "1");
  }
  network.once("stabilizationIterationsDone", settle);
  if (noPhysics) { setTimeout(settle, 0); }
  setTimeout(settle, big ? 20000 : 8000);
  window.actorgraph = { timings: timings, network: network, apply: apply, state: state, computeVisible: computeVisible, focusActor: focusActor,
    showEdge: showEdge, showPair: showPair, showNode: showNode, findActor: findActor, resetView: resetView,
    declutter: declutter, labelShown: function () { return labelShown; }, eventsInMonth: eventsInMonth,
    setMonth: setMonth, data: DATA };
  updateCaption();
