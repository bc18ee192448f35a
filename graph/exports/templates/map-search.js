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
  /** Every actor or place the query names, best first: exact names, then names it starts, then contains
   *  (labels before aliases, actors before places). "Kabul": the city, then the regime it is an alias of. */
  function findActors(query) {
    var q = normalise(query);
    if (!q) { return []; }
    var tests = [function (p) { return p[0] === q; }, function (p) { return p[0].indexOf(q) === 0; },
      function (p) { return p[0].indexOf(q) >= 0; }];
    for (var i = 0; i < tests.length; i++) {
      var out = [];
      names.filter(tests[i]).forEach(function (p) { if (out.indexOf(p[1]) < 0) { out.push(p[1]); } });
      if (out.length) { return out; }
    }
    return [];
  }
  function findActor(query) { var hits = findActors(query); return hits.length ? hits[0] : null; }
  /** Focus an actor: pinned, selected, its neighbourhood highlighted and the rest dimmed, the view fitted to
   *  the neighbourhood (a scale worked out from it, not from the current zoom: searches do not compound). */
  function focusActor(id, keepPins) {
    if (!keepPins) {
      state.pinned = {};
      if (DATA.focus) { state.pinned[DATA.focus] = true; }
    }
    state.pinned[id] = true;
    var shown = drawnAs(id);
    state.focus = shown;
    if (state.selectedPair) { var was = state.selectedPair; state.selectedPair = null; restyle(was); }
    showNode(id);  // the panel first: the fit measures the canvas that is left
    apply();
    network.setSize("100%", "100%");
    network.redraw();
    network.selectNodes([shown]);
    fitIds(Object.keys(focusNear || {}).concat([shown]), 1.6);
  }
  function describe(id) { return labelOf(id) + (nodeById[id].type === "Place" ? " (a place)" : ""); }
  function doSearch() {
    var query = $("search").value, msg = $("search-msg");
    var hits = findActors(query);
    msg.textContent = "";
    if (!hits.length) { msg.textContent = query.trim() ? "No actor or place matches \u201c" + query + "\u201d." : ""; return; }
    msg.appendChild(document.createTextNode("Showing " + describe(hits[0]) + "."));
    if (hits.length > 1) {  // a name shared by several (Kabul: the city and the regime): offer the others
      msg.appendChild(document.createTextNode(" Also \u201c" + query.trim() + "\u201d: "));
      hits.slice(1, 6).forEach(function (other, i) {
        var b = el("button", "also", describe(other));
        b.type = "button";
        b.setAttribute("data-id", other);
        b.addEventListener("click", function () {
          msg.firstChild.textContent = "Showing " + describe(other) + ".";
          focusActor(other);
        });
        if (i) { msg.appendChild(document.createTextNode(" ")); }
        msg.appendChild(b);
      });
    }
    focusActor(hits[0]);
  }
  $("search").addEventListener("keydown", function (e) { if (e.key === "Enter") { doSearch(); } });
  $("search").addEventListener("change", doSearch);
  $("search-go").addEventListener("click", doSearch);
  /** Fit / reset: forget the search, close the panel, show every visible actor. */
  function resetView() {
    state.pinned = {};
    if (DATA.focus) { state.pinned[DATA.focus] = true; }
    state.focus = null;
    $("search").value = "";
    $("search-msg").textContent = "";
    var hovered = state.hoverPair;
    state.hoverPair = null;  // no relation label left behind
    if (hovered) { restyle(hovered); }
    closePanel();
    apply();
    network.setSize("100%", "100%");  // the canvas grew back when the panel closed: measure it before fitting
    fitAll();
  }
  /** Fit every shown actor with its full label (as on opening), then declutter for that zoom. */
  function fitAll() { fitIds(Object.keys(current.nodes), 1.6); }
  /** Fit these actors with room for their labels, at a scale worked out from them alone (at most ``most``). */
  function fitIds(ids, most) {
    network.setSize("100%", "100%");  // the canvas follows the panel and the legend: measure it first
    var pos = network.getPositions(ids), W = container.clientWidth || 800, H = container.clientHeight || 600;
    measureCtx.font = "1px arial";
    var items = ids.filter(function (id) { return pos[id]; }).map(function (id) {
      var n = nodeById[id];
      return { x: pos[id].x, y: pos[id].y, r: n ? nodeSize(n) : 12, w: n ? measureCtx.measureText(n.label).width * (SIDES[id] ? 0.78 : 1) : 0 };
    });
    if (!items.length) { return; }
    // the screen box of every actor with its full name under it, at a scale (names keep >= 12.5 px, as fitFont)
    var extents = function (k) {
      var font = Math.min(Math.max(FONT, 12.5 / k), FONT * 4) * k, e = [Infinity, -Infinity, Infinity, -Infinity];
      items.forEach(function (it) {
        var half = Math.max(it.r * k, it.w * font / 2 + 4);
        e[0] = Math.min(e[0], it.x * k - half); e[1] = Math.max(e[1], it.x * k + half);
        e[2] = Math.min(e[2], (it.y - it.r) * k - 6); e[3] = Math.max(e[3], (it.y + it.r) * k + font * 1.3 + 6);
      });
      return e;
    };
    var fits = function (k) { var e = extents(k); return e[1] - e[0] <= W * 0.97 && e[3] - e[2] <= H * 0.97; };
    var lo = 0.005, hi = most;
    if (fits(hi)) { lo = hi; }
    for (var i = 0; i < 30 && hi - lo > 1e-4; i++) { var mid = (lo + hi) / 2; if (fits(mid)) { lo = mid; } else { hi = mid; } }
    var e = extents(lo);
    network.moveTo({ position: { x: (e[0] + e[1]) / 2 / lo, y: (e[2] + e[3]) / 2 / lo }, scale: lo, animation: false });
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
      // the members shown at first spread round the head (not below it: its name is there), the others outside
      var group = byHead[h], first = group.filter(nodeTypeOn), later = group.filter(function (m) { return !nodeTypeOn(m); });
      [first, later].forEach(function (ring, outer) {
        var r = (outer ? 150 : 80) + 8 * ring.length;
        ring.forEach(function (m, i) {
          var angle = -Math.PI / 2 - 0.8 * Math.PI + 1.6 * Math.PI * (i + 0.5) / ring.length;
          network.moveNode(m, hp.x + r * 1.25 * Math.cos(angle), hp.y + r * Math.sin(angle));
        });
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
    showEdge: showEdge, showPair: showPair, showNode: showNode, findActor: findActor, findActors: findActors, resetView: resetView,
    declutter: declutter, labelShown: function () { return labelShown; }, eventsInMonth: eventsInMonth,
    setMonth: setMonth, stops: stops, stripMonths: stripMonths, data: DATA };
  updateCaption();
