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
  var UNDATED_DASHES = [12, 4, 2, 4];  // dash-dot: a pair known only from undated statements
  var HYP_DASHES = [1, 6];
  /** The focused actor's neighbourhood (itself and every actor it shares a shown line with), or null. */
  function focusSet(vis_) {
    if (!state.focus || !vis_.nodes[state.focus]) { return null; }
    var near = {};
    near[state.focus] = true;
    vis_.edges.forEach(function (g) {
      if (g.from === state.focus) { near[g.to] = true; }
      if (g.to === state.focus) { near[g.from] = true; }
    });
    return near;
  }
  function nodeSize(n) { return 11 + Math.min(Math.sqrt(n.degree) * 3, 18) - (SIDES[n.id] ? 3 : 0); }
  var visNodes = new vis.DataSet(DATA.nodes.map(function (n) {
    var t = typeById[n.type];
    var rec = { id: n.id, label: n.label, shape: t ? t.shape : "dot", color: nodeColor(n, null), size: nodeSize(n), hidden: false };
    if (n.x !== undefined) { rec.x = n.x; rec.y = n.y; }
    return rec;
  }));
  /** The pair's label: its strongest relation types first (the tie model's order), two at most. */
  function pairLabel(g) {
    var names = g.ps.map(function (p) { return relById[p].label; });
    var text = names.slice(0, 2).join(", ") + (names.length > 2 ? " +" + (names.length - 2) : "");
    return text + " (" + g.sts.length + ")";
  }
  function edgeStyle(g) {
    var color = polColor[g.sign] || polColor.neutral;
    var showLabel = state.selectedPair === g.id || state.hoverPair === g.id;
    var n = g.sts.length, k = 1 / Math.max(network ? network.getScale() : 1, 0.05);
    var dim = focusNear && !(focusNear[g.from] && focusNear[g.to] && (g.from === state.focus || g.to === state.focus));
    return {
      id: g.id, from: g.from, to: g.to,
      color: { color: color, highlight: color, hover: color, opacity: dim ? 0.12 : g.hyp ? 0.6 : g.undated ? 0.75 : 0.9 },
      width: Math.min(g.width + Math.log(n) * 1.4, 10),
      dashes: g.hyp ? HYP_DASHES : g.undated ? UNDATED_DASHES : DASHES[g.line],
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
  var focusNear = null;

  function apply() {
    var vis_ = computeVisible();
    current = vis_;
    var camps = state.colour === "camps" ? computeCamps(vis_) : null;
    focusNear = focusSet(vis_);
    var nodeUpdates = [];
    DATA.nodes.forEach(function (n) {
      var dim = focusNear && !focusNear[n.id];
      nodeUpdates.push({ id: n.id, hidden: !vis_.nodes[n.id], color: nodeColor(n, camps), opacity: dim ? 0.18 : 1 });
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
    renderLegend(camps);
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
  var labelShown = {};   // id → vertical offset of its shown label (undefined: no label)
  var labelKeys = {};    // id → what was last sent to vis for its label (label, size, offset, dimmed)
  var labelFont = FONT;
  /** A node's label size: an institution drawn beside its state gets a smaller name (it still gets one). */
  function fontOf(id) { return SIDES[id] ? labelFont * 0.78 : labelFont; }
  /** Screen box of a node's label at a vertical offset (for the declutter and the tests). */
  function labelBox(id, scale, pos, vadjust) {
    var n = nodeById[id], size = fontOf(id);
    measureCtx.font = size + "px arial";
    var w = measureCtx.measureText(n.label).width * scale, h = size * scale;
    var p = network.canvasToDOM(pos);
    var top = p.y + (nodeSize(n) + 3 + (vadjust || 0)) * scale;
    return { id: id, x1: p.x - w / 2 - 3, x2: p.x + w / 2 + 3, y1: top - 2, y2: top + h + 3 };
  }
  /** Screen box of the shown relation label (a hovered or selected pair), an obstacle for the names. */
  function edgeLabelBox(key) {
    var g = groupsById[key], pos = g && network.getPositions([g.from, g.to]);
    if (!g || !pos[g.from] || !pos[g.to]) { return null; }
    var a = network.canvasToDOM(pos[g.from]), b = network.canvasToDOM(pos[g.to]);
    measureCtx.font = "13px arial";
    var w = measureCtx.measureText(pairLabel(g)).width, x = (a.x + b.x) / 2, y = (a.y + b.y) / 2;
    return { id: "edge", x1: x - w / 2 - 4, x2: x + w / 2 + 4, y1: y - 10, y2: y + 10 };
  }
  function overlaps(a, b) { return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2; }
  /** Node labels keep a readable size on screen (at least 12 px) when the map is zoomed out. */
  function fitFont(scale) {
    var want = Math.min(Math.max(FONT, 12.5 / scale), FONT * 4);
    if (Math.abs(want - labelFont) / labelFont > 0.08) { labelFont = want; }
  }
  function declutter() {
    if (!current) { return; }
    var scale = network.getScale();
    fitFont(scale);
    var ids = Object.keys(current.nodes).filter(function (id) { return nodeById[id]; });
    var pos = network.getPositions(ids);
    var selected = {};
    network.getSelectedNodes().forEach(function (id) { selected[id] = true; });
    if (state.focus) { selected[state.focus] = true; }
    if (state.selectedPair && groupsById[state.selectedPair]) {
      selected[groupsById[state.selectedPair].from] = true; selected[groupsById[state.selectedPair].to] = true;
    }
    ids.sort(function (a, b) {
      var sa = selected[a] ? 1 : 0, sb = selected[b] ? 1 : 0;
      if (sa !== sb) { return sb - sa; }
      var fa = focusNear && focusNear[a] ? 1 : 0, fb = focusNear && focusNear[b] ? 1 : 0;
      if (fa !== fb) { return fb - fa; }
      return nodeById[b].degree - nodeById[a].degree || (a < b ? -1 : 1);
    });
    // every drawn node is an obstacle: a name never covers another actor, nor the shown relation label
    var nodesBoxes = ids.filter(function (id) { return pos[id]; }).map(function (id) {
      var p = network.canvasToDOM(pos[id]), r = nodeSize(nodeById[id]) * scale;
      return { id: id, node: true, x1: p.x - r, x2: p.x + r, y1: p.y - r, y2: p.y + r };
    });
    var names = [];
    [state.selectedPair, state.hoverPair].forEach(function (k) { var b = k && edgeLabelBox(k); if (b) { names.push(b); } });
    var updates = [], shown = {};
    ids.forEach(function (id) {
      if (!pos[id]) { return; }
      // under the actor, above it, then a line further down or up
      var size = fontOf(id), r = nodeSize(nodeById[id]);
      var above = -(2 * r + size * 1.15 + 8), step = size * 1.2 + 4;
      var free = function (v, withNodes) {
        var box = labelBox(id, scale, pos[id], v);
        var hit = function (b) { return b.id !== id && overlaps(box, b); };
        return !names.some(hit) && !(withNodes && nodesBoxes.some(hit));
      };
      var tries = [0, above, step, above - step];
      var where = tries.filter(function (v) { return free(v, true); });
      // the selected or searched actor always keeps its name (clear of the other names if it can)
      if (!where.length && selected[id]) { where = tries.filter(function (v) { return free(v, false); }).concat([0]); }
      if (where.length) { names.push(labelBox(id, scale, pos[id], where[0])); shown[id] = where[0]; }
    });
    DATA.nodes.forEach(function (n) {
      var on = current.nodes[n.id] && shown[n.id] !== undefined, dim = focusNear && !focusNear[n.id];
      var key = on ? [fontOf(n.id).toFixed(2), shown[n.id].toFixed(1), dim ? 1 : 0].join("|") : "";
      if (labelKeys[n.id] !== key) {
        labelKeys[n.id] = key;
        updates.push(on ? { id: n.id, label: n.label, font: { size: fontOf(n.id), vadjust: shown[n.id],
          color: dim ? "rgba(17,17,17,0.3)" : "#111111" } } : { id: n.id, label: "" });
      }
    });
    labelShown = shown;
    if (updates.length) { visNodes.update(updates); }
    if (Math.abs(scale - styledScale) / scale > 0.15 && current.edges.length <= 1500) {
      styledScale = scale;
      visEdges.update(current.edges.map(edgeStyle));
    }
  }
  var styledScale = 1;
  var declutterTimer = null;
  function declutterSoon() { clearTimeout(declutterTimer); declutterTimer = setTimeout(declutter, 60); }
  network.on("zoom", declutterSoon);
  network.on("dragEnd", declutterSoon);
  network.on("resize", declutterSoon);
