/* actorgraph map, part 2 of 6 — the network: vis-network nodes and edges, styles, labels that do not pile up. */
  // ---------------------------------------------------------------------
  // vis-network
  // ---------------------------------------------------------------------
  var big = DATA.big;
  var FONT = big ? 12 : 22;
  function nodeColor(n, camps) {
    var c = typeById[n.type] ? typeById[n.type].color : "#999999";
    if (camps) {
      var k = camps.of[n.id];
      c = k === undefined ? "#d0d0d0" : CAMP_COLORS[k % CAMP_COLORS.length];
    }
    return { background: c, border: "#333333", highlight: { background: c, border: "#000000" },
      hover: { background: c, border: "#000000" } };
  }
  function nodeSize(n) { return 11 + Math.min(Math.sqrt(n.degree) * 3, 18) - (SIDES[n.id] ? 3 : 0); }
  var visNodes = new vis.DataSet(DATA.nodes.map(function (n) {
    var t = typeById[n.type];
    var rec = { id: n.id, label: n.label, shape: t ? t.shape : "dot", color: nodeColor(n, null), size: nodeSize(n), hidden: false };
    if (n.x !== undefined) { rec.x = n.x; rec.y = n.y; }
    return rec;
  }));
  function pairLabel(g) {
    var names = g.ps.map(function (p) { return relById[p].label; });
    var text = names.slice(0, 3).join(", ") + (names.length > 3 ? " +" + (names.length - 3) : "");
    return text + " (" + g.sts.length + ")";
  }
  function edgeStyle(g) {
    var color = polColor[g.sign] || polColor.neutral;
    var showLabel = state.selectedPair === g.id || state.hoverPair === g.id;
    var n = g.sts.length, k = 1 / Math.max(network ? network.getScale() : 1, 0.05);
    return {
      id: g.id, from: g.from, to: g.to,
      color: { color: color, highlight: color, hover: color, opacity: g.hyp ? 0.6 : 0.9 },
      width: Math.min(g.width + Math.log(n) * 1.4, 10), dashes: g.hyp ? [1, 6] : DASHES[g.line],
      arrows: { to: { enabled: false } },
      // counts on every line only while they stay readable (a few hundred lines); else on hover/selection
      label: showLabel ? pairLabel(g) : n > 1 && (!current || current.edges.length <= 300) ? String(n) : "",
      // sizes in screen pixels whatever the zoom (refreshed on zoom)
      font: showLabel ? { size: Math.round(13 * k), color: "#111111", strokeWidth: 0, background: "rgba(255,255,255,0.92)" }
        : { size: Math.round(11 * k), color: "#333333", strokeWidth: 0, background: "rgba(255,255,255,0.8)" },
      smooth: { enabled: false }
    };
  }
  /** Edges for the initial layout: every pair that is ever related (springs only), members tied to their head. */
  function layoutEdges() {
    var seen = {}, out = [];
    DATA.statements.forEach(function (st) {
      st.ends.forEach(function (o) {
        var k = pairKeyOf(st.s, o);
        if (!seen[k] && st.s !== o) { seen[k] = true; out.push({ id: "layout:" + out.length, from: st.s, to: o, hidden: true }); }
      });
    });
    Object.keys(SIDES).forEach(function (m) {
      out.push({ id: "layout:" + out.length, from: m, to: SIDES[m], hidden: true, length: 40 });
    });
    return out;
  }
  var noPhysics = big && DATA.preset;  // a large graph arrives laid out: no in-browser simulation
  var visEdges = new vis.DataSet(noPhysics ? [] : layoutEdges());
  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    nodes: { font: { size: FONT, color: "#111111", strokeWidth: 4, strokeColor: "#ffffff" }, borderWidth: 1 },
    edges: { selectionWidth: 2, hoverWidth: 1.5 },
    interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: big, hideEdgesOnZoom: big, multiselect: false },
    physics: {
      enabled: !noPhysics, solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -110, centralGravity: 0.012, springLength: 130, springConstant: 0.06,
        avoidOverlap: 0.6, damping: 0.5 },
      maxVelocity: 60, minVelocity: 1.0, timestep: 0.45,
      stabilization: { enabled: true, iterations: big ? 120 : DATA.preset ? 60 : 400, updateInterval: 25, fit: true }
    }
  };
  var container = $("network");
  var network = null;
  network = new vis.Network(container, { nodes: visNodes, edges: visEdges }, options);
  var drawnKeys = {};
  var current = null;
  var groupsById = {};
  var panelShows = null;

  function apply() {
    var vis_ = computeVisible();
    current = vis_;
    var camps = state.colour === "camps" ? computeCamps(vis_) : null;
    var nodeUpdates = [];
    DATA.nodes.forEach(function (n) {
      nodeUpdates.push({ id: n.id, hidden: !vis_.nodes[n.id], color: nodeColor(n, camps) });
    });
    visNodes.update(nodeUpdates);
    var wanted = {}, adds = [];
    vis_.edges.forEach(function (g) { wanted[g.id] = true; adds.push(edgeStyle(g)); });
    var removes = Object.keys(drawnKeys).filter(function (k) { return !wanted[k]; });
    visEdges.remove(removes);
    visEdges.update(adds);
    drawnKeys = wanted;
    groupsById = {};
    vis_.edges.forEach(function (g) { groupsById[g.id] = g; });
    if (state.selectedPair && !groupsById[state.selectedPair]) { state.selectedPair = null; }
    updateCaption();
    var nActors = Object.keys(vis_.nodes).length;
    $("stats").textContent = nActors + (nActors === 1 ? " actor, " : " actors, ") + vis_.edges.length + " pairs (" +
      vis_.edges.reduce(function (a, g) { return a + g.sts.length; }, 0) + " statements) shown";
    renderCampLegend(camps);
    renderEventsStrip();
    if (panelShows) { panelShows(); }
    if (settled) { declutter(); }
  }
  function restyle(key) {
    var g = groupsById[key];
    if (g) { visEdges.update(edgeStyle(g)); }
  }

  // ---------------------------------------------------------------------
  // Labels that do not pile up: the best-connected actors keep theirs, by zoom
  // ---------------------------------------------------------------------
  var measureCtx = document.createElement("canvas").getContext("2d");
  var labelShown = {};
  /** Screen boxes of node labels if every visible node had one (for the declutter and the tests). */
  function labelBox(id, scale, pos, vadjust) {
    var n = nodeById[id];
    measureCtx.font = labelFont + "px arial";
    var w = measureCtx.measureText(n.label).width * scale, h = labelFont * scale;
    var p = network.canvasToDOM(pos);
    var top = p.y + (nodeSize(n) + 3 + (vadjust || 0)) * scale;
    return { id: id, x1: p.x - w / 2 - 3, x2: p.x + w / 2 + 3, y1: top - 2, y2: top + h + 3 };
  }
  function overlaps(a, b) { return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2; }
  var labelFont = FONT;
  /** Node labels keep a readable size on screen (at least 12 px) when the map is zoomed out. */
  function fitFont(scale) {
    var want = Math.min(Math.max(FONT, 12.5 / scale), FONT * 4);
    if (Math.abs(want - labelFont) / labelFont > 0.08) {
      labelFont = want;
      visNodes.update(DATA.nodes.map(function (n) { return { id: n.id, font: { size: labelFont } }; }));
    }
  }
  function declutter() {
    if (!current) { return; }
    var scale = network.getScale();
    fitFont(scale);
    var ids = Object.keys(current.nodes).filter(function (id) { return nodeById[id]; });
    var pos = network.getPositions(ids);
    var selected = {};
    network.getSelectedNodes().forEach(function (id) { selected[id] = true; });
    if (state.selectedPair && groupsById[state.selectedPair]) {
      selected[groupsById[state.selectedPair].from] = true; selected[groupsById[state.selectedPair].to] = true;
    }
    ids.sort(function (a, b) {
      var sa = selected[a] ? 1 : 0, sb = selected[b] ? 1 : 0;
      if (sa !== sb) { return sb - sa; }
      return nodeById[b].degree - nodeById[a].degree || (a < b ? -1 : 1);
    });
    // every drawn node is an obstacle: a name never covers another actor
    var placed = ids.filter(function (id) { return pos[id]; }).map(function (id) {
      var p = network.canvasToDOM(pos[id]), r = nodeSize(nodeById[id]) * scale;
      return { id: id, node: true, x1: p.x - r, x2: p.x + r, y1: p.y - r, y2: p.y + r };
    });
    var updates = [], shown = {};
    ids.forEach(function (id) {
      if (!pos[id]) { return; }
      // under the actor, else above it
      var above = -(2 * nodeSize(nodeById[id]) + labelFont * 1.15 + 8);
      var where = [0, above].filter(function (v) {
        var box = labelBox(id, scale, pos[id], v);
        return !placed.some(function (b) { return b.id !== id && overlaps(box, b); });
      });
      if (where.length) { placed.push(labelBox(id, scale, pos[id], where[0])); shown[id] = where[0]; }
      if (labelShown[id] !== shown[id]) {
        updates.push(shown[id] === undefined ? { id: id, label: "" } :
          { id: id, label: nodeById[id].label, font: { size: labelFont, vadjust: shown[id] } });
      }
    });
    DATA.nodes.forEach(function (n) {
      if (!current.nodes[n.id] && labelShown[n.id] !== undefined) { updates.push({ id: n.id, label: "" }); }
    });
    labelShown = shown;
    if (updates.length) { visNodes.update(updates); }
    if (Math.abs(scale - styledScale) / scale > 0.15 && current.edges.length <= 1500) {
      styledScale = scale;
      visEdges.update(current.edges.map(edgeStyle));
    }
  }
  var styledScale = 1;
  DATA.nodes.forEach(function (n) { labelShown[n.id] = 0; });  // id → vertical offset of its shown label
  var declutterTimer = null;
  function declutterSoon() { clearTimeout(declutterTimer); declutterTimer = setTimeout(declutter, 60); }
  network.on("zoom", declutterSoon);
  network.on("dragEnd", declutterSoon);
  network.on("resize", declutterSoon);
