/* actorgraph map: every string from the data is shown with textContent. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("ag-data").textContent);

  // ---------------------------------------------------------------------
  // Dates: a port of graph/dates.py (parse_date, parse_day, is_active "possible")
  // ---------------------------------------------------------------------
  var POINT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
  function pad(n, w) { var s = String(n); while (s.length < w) { s = "0" + s; } return s; }
  function iso(y, m, d) { return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2); }
  function lastDay(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
  function point(text) {
    var m = POINT.exec(text);
    if (!m) { throw new Error("malformed date " + text); }
    var y = +m[1];
    if (m[2] === undefined) { return [iso(y, 1, 1), iso(y, 12, 31)]; }
    var mo = +m[2];
    if (mo < 1 || mo > 12) { throw new Error("impossible date " + text); }
    if (m[3] === undefined) { return [iso(y, mo, 1), iso(y, mo, lastDay(y, mo))]; }
    var d = +m[3];
    if (d < 1 || d > lastDay(y, mo)) { throw new Error("impossible date " + text); }
    return [iso(y, mo, d), iso(y, mo, d)];
  }
  /** {earliest, latest} as ISO day strings (compare as strings). */
  function parseDate(text) {
    var raw = String(text).trim();
    var cut = raw.indexOf("/");
    if (cut >= 0) {
      var lo = point(raw.slice(0, cut))[0], hi = point(raw.slice(cut + 1))[1];
      if (hi < lo) { throw new Error("impossible date " + raw); }
      return { earliest: lo, latest: hi };
    }
    var p = point(raw);
    return { earliest: p[0], latest: p[1] };
  }
  function parseDay(text) { return parseDate(text).latest; }
  /** The "possible" as-of rule: start.earliest <= day <= end.latest (open ends unbounded). */
  function isActive(start, end, day) {
    var begun = start === null || start === undefined || parseDate(start).earliest <= day;
    var notOver = end === null || end === undefined || parseDate(end).latest >= day;
    return begun && notOver;
  }
  window.actorgraphDates = { parseDate: parseDate, parseDay: parseDay, isActive: isActive };

  // ---------------------------------------------------------------------
  // Small DOM helpers (text only)
  // ---------------------------------------------------------------------
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function $(id) { return document.getElementById(id); }
  var SVGNS = "http://www.w3.org/2000/svg";
  function svgEl(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function shapeSwatch(shape, color) {
    var svg = svgEl("svg", { width: 14, height: 14, viewBox: "0 0 14 14" });
    var common = { fill: color, stroke: "#333", "stroke-width": 0.8 };
    var pts = {
      diamond: "7,1 13,7 7,13 1,7", triangle: "7,1 13,12.5 1,12.5", triangleDown: "1,1.5 13,1.5 7,13",
      hexagon: "3.5,1.5 10.5,1.5 13.5,7 10.5,12.5 3.5,12.5 0.5,7",
      star: "7,0.8 8.8,5 13.3,5.2 9.8,8.1 11,12.7 7,10.1 3,12.7 4.2,8.1 0.7,5.2 5.2,5"
    };
    var shapeEl;
    if (shape === "square") { shapeEl = svgEl("rect", Object.assign({ x: 1.5, y: 1.5, width: 11, height: 11 }, common)); }
    else if (pts[shape]) { shapeEl = svgEl("polygon", Object.assign({ points: pts[shape] }, common)); }
    else { shapeEl = svgEl("circle", Object.assign({ cx: 7, cy: 7, r: 5.5 }, common)); }
    svg.appendChild(shapeEl);
    return svg;
  }
  var DASHES = { solid: false, dashed: [9, 5], dotted: [2, 4] };
  function lineSwatch(color, line, width) {
    var svg = svgEl("svg", { width: 26, height: 10, viewBox: "0 0 26 10" });
    var attrs = { x1: 1, y1: 5, x2: 25, y2: 5, stroke: color, "stroke-width": Math.min(width || 2, 3) };
    if (DASHES[line]) { attrs["stroke-dasharray"] = DASHES[line].join(" "); }
    svg.appendChild(svgEl("line", attrs));
    return svg;
  }
  function normalise(text) {
    return String(text).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function humanDay(day) {
    var months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"];
    var parts = day.split("-");
    return (+parts[2]) + " " + months[+parts[1] - 1] + " " + (+parts[0]);
  }

  // ---------------------------------------------------------------------
  // Data indexes
  // ---------------------------------------------------------------------
  var nodeById = {};
  DATA.nodes.forEach(function (n) { nodeById[n.id] = n; });
  var typeById = {};
  DATA.types.forEach(function (t) { typeById[t.id] = t; });
  var relById = {};
  DATA.relTypes.forEach(function (r) { relById[r.id] = r; });
  var polColor = {};
  DATA.polarities.forEach(function (p) { polColor[p.id] = p.color; });
  var stById = {};
  DATA.statements.forEach(function (s) { stById[s.id] = s; });
  function labelOf(id) { return nodeById[id] ? nodeById[id].label : id; }
  function polarityOf(st) { return relById[st.p] ? relById[st.p].polarity : "neutral"; }

  var state = {
    month: DATA.months.length ? DATA.months.length - 1 : -1,
    types: {}, pols: { friendly: true, hostile: true, neutral: true }, rels: {},
    isolated: DATA.statements.length === 0, hyp: false, labels: DATA.statements.length <= 60, colour: "type", pinned: {}
  };
  DATA.types.forEach(function (t) { state.types[t.id] = !t.hidden; });
  if (DATA.focus) { state.pinned[DATA.focus] = true; }  // the export's --actor is always shown
  DATA.relTypes.forEach(function (r) { state.rels[r.id] = true; });

  function currentDay() {
    if (DATA.fixedDay) { return DATA.fixedDay; }
    if (state.month < 0) { return null; }
    return parseDay(DATA.months[state.month]);
  }

  // ---------------------------------------------------------------------
  // Header
  // ---------------------------------------------------------------------
  $("title").textContent = DATA.title;
  function updateCaption() {
    var day = currentDay();
    var text = DATA.caption;
    if (!DATA.statements.length) { text += ". No relation matches the export filters."; }
    else { text += day ? ". Relations as of " + humanDay(day) + "." : ". All relations (undated)."; }
    if (DATA.filters) { text += " Export filters: " + DATA.filters + "."; }
    $("caption").textContent = text;
    $("date-label").textContent = day ? "as of " + humanDay(day) : "no dated relation";
  }

  // ---------------------------------------------------------------------
  // What is visible at the chosen date under the filters
  // ---------------------------------------------------------------------
  function statementVisible(st, day) {
    if (!state.rels[st.p] || !state.pols[polarityOf(st)]) { return false; }
    if (st.hyp) { return state.hyp; }
    return day === null || isActive(st.start, st.end, day);
  }
  function nodeTypeOn(id) {
    var n = nodeById[id];
    return !n || state.types[n.type] !== false || state.pinned[id];
  }
  /** Groups visible statements into drawn edges: one per (from, to, relation type). */
  function computeVisible() {
    var day = currentDay();
    var groups = {}, order = [];
    DATA.statements.forEach(function (st) {
      if (!statementVisible(st, day) || !nodeTypeOn(st.s)) { return; }
      var sym = relById[st.p] && relById[st.p].symmetric;
      st.ends.forEach(function (other) {
        if (!nodeTypeOn(other)) { return; }
        var a = st.s, b = other;
        if (sym && b < a) { a = other; b = st.s; }
        var key = JSON.stringify([a, b, st.p]);
        if (!groups[key]) { groups[key] = { id: key, from: a, to: b, p: st.p, sts: [], hyp: true }; order.push(key); }
        groups[key].sts.push(st.id);
        groups[key].hyp = groups[key].hyp && st.hyp;
      });
    });
    var nodes = {};
    order.forEach(function (k) { nodes[groups[k].from] = true; nodes[groups[k].to] = true; });
    if (state.isolated) {
      DATA.nodes.forEach(function (n) { if (nodeTypeOn(n.id)) { nodes[n.id] = true; } });
    }
    Object.keys(state.pinned).forEach(function (id) { nodes[id] = true; });
    return { edges: order.map(function (k) { return groups[k]; }), nodes: nodes, day: day };
  }

  // ---------------------------------------------------------------------
  // Camps: from graph.analysis when exported with it, else friendly components
  // ---------------------------------------------------------------------
  var CAMP_COLORS = ["#1f78b4", "#e31a1c", "#33a02c", "#ff7f00", "#6a3d9a", "#b15928", "#a6cee3", "#fb9a99",
    "#b2df8a", "#fdbf6f", "#cab2d6", "#ffff99"];
  function computeCamps(vis) {
    var month = state.month >= 0 ? DATA.months[state.month] : null;
    if (DATA.camps && DATA.camps.months && month && DATA.camps.months[month]) {
      return { of: DATA.camps.months[month], names: DATA.camps.names || null, how: DATA.camps.how || "" };
    }
    var parent = {};
    function find(x) { while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
    Object.keys(vis.nodes).forEach(function (id) { parent[id] = id; });
    vis.edges.forEach(function (e) {
      if (e.hyp || relById[e.p].polarity !== "friendly") { return; }
      var a = find(e.from), b = find(e.to);
      if (a !== b) { parent[a] = b; }
    });
    var members = {};
    Object.keys(parent).forEach(function (id) { var r = find(id); (members[r] = members[r] || []).push(id); });
    var roots = Object.keys(members).filter(function (r) { return members[r].length > 1; });
    roots.sort(function (a, b) { return members[b].length - members[a].length; });
    var of = {};
    roots.forEach(function (r, i) { members[r].forEach(function (id) { of[id] = i; }); });
    return { of: of, names: null, how: "actors linked by friendly relations on this date" };
  }

  // ---------------------------------------------------------------------
  // vis-network
  // ---------------------------------------------------------------------
  var big = DATA.big;
  function nodeColor(n, camps) {
    var c = typeById[n.type] ? typeById[n.type].color : "#999999";
    if (camps) {
      var k = camps.of[n.id];
      c = k === undefined ? "#d0d0d0" : CAMP_COLORS[k % CAMP_COLORS.length];
    }
    return { background: c, border: "#333333", highlight: { background: c, border: "#000000" },
      hover: { background: c, border: "#000000" } };
  }
  var visNodes = new vis.DataSet(DATA.nodes.map(function (n) {
    var t = typeById[n.type];
    var rec = {
      id: n.id, label: n.label, shape: t ? t.shape : "dot", color: nodeColor(n, null),
      size: 11 + Math.min(Math.sqrt(n.degree) * 3, 18), hidden: false
    };
    if (n.x !== undefined) { rec.x = n.x; rec.y = n.y; }
    return rec;
  }));
  function edgeStyle(g, multi) {
    var r = relById[g.p];
    var label = r.label + (g.hyp ? " (potential)" : "") + (g.sts.length > 1 ? " \u00d7" + g.sts.length : "");
    var rec = {
      id: g.id, from: g.from, to: g.to, color: { color: polColor[r.polarity], highlight: polColor[r.polarity],
        hover: polColor[r.polarity], opacity: g.hyp ? 0.6 : 0.9 },
      width: r.width, dashes: g.hyp ? [1, 6] : DASHES[r.line],
      arrows: { to: { enabled: !r.symmetric, scaleFactor: 0.6 } },
      label: state.labels ? label : undefined, font: { size: 12, color: "#444444", strokeWidth: 3, strokeColor: "#ffffff" },
      smooth: multi === null ? { enabled: false } :
        { enabled: true, type: multi % 2 ? "curvedCCW" : "curvedCW", roundness: 0.1 + 0.16 * Math.floor(multi / 2) }
    };
    if (rec.label === undefined) { rec.label = ""; }
    return rec;
  }
  /** Edges for the initial layout: every pair that is ever related (springs only). */
  function layoutEdges() {
    var seen = {}, out = [];
    DATA.statements.forEach(function (st) {
      st.ends.forEach(function (o) {
        var k = st.s < o ? st.s + "\u0000" + o : o + "\u0000" + st.s;
        if (!seen[k] && st.s !== o) { seen[k] = true; out.push({ id: "layout:" + out.length, from: st.s, to: o, hidden: true }); }
      });
    });
    return out;
  }
  var noPhysics = big && DATA.preset;  // a large graph arrives laid out: no in-browser simulation
  var visEdges = new vis.DataSet(noPhysics ? [] : layoutEdges());
  var options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    nodes: { font: { size: big ? 12 : 20, color: "#111111", strokeWidth: 4, strokeColor: "#ffffff" }, borderWidth: 1 },
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
  var network = new vis.Network(container, { nodes: visNodes, edges: visEdges }, options);
  var drawnKeys = {};
  var current = null;

  function apply() {
    var vis_ = computeVisible();
    current = vis_;
    var camps = state.colour === "camps" ? computeCamps(vis_) : null;
    // nodes
    var nodeUpdates = [];
    DATA.nodes.forEach(function (n) {
      nodeUpdates.push({ id: n.id, hidden: !vis_.nodes[n.id], color: nodeColor(n, camps) });
    });
    visNodes.update(nodeUpdates);
    // edges: parallel lines between one pair curve apart
    function pairKey(g) { return g.from < g.to ? g.from + "\u0000" + g.to : g.to + "\u0000" + g.from; }
    var pairTotal = {}, pairSeen = {}, wanted = {}, adds = [];
    vis_.edges.forEach(function (g) { pairTotal[pairKey(g)] = (pairTotal[pairKey(g)] || 0) + 1; });
    vis_.edges.forEach(function (g) {
      var k = pairKey(g);
      var idx = pairSeen[k] || 0;
      pairSeen[k] = idx + 1;
      wanted[g.id] = true;
      adds.push(edgeStyle(g, pairTotal[k] > 1 ? idx : null));
    });
    var removes = Object.keys(drawnKeys).filter(function (k) { return !wanted[k]; });
    visEdges.remove(removes);
    visEdges.update(adds);
    drawnKeys = wanted;
    groupsById = {};
    vis_.edges.forEach(function (g) { groupsById[g.id] = g; });
    updateCaption();
    var nActors = Object.keys(vis_.nodes).length;
    $("stats").textContent = nActors + (nActors === 1 ? " actor, " : " actors, ") + vis_.edges.length + " lines (" +
      vis_.edges.reduce(function (a, g) { return a + g.sts.length; }, 0) + " statements) shown";
    renderCampLegend(camps);
    if (panelShows) { panelShows(); }
  }
  var groupsById = {};

  // ---------------------------------------------------------------------
  // Tooltip (our own, text only; vis-network's title popups are not used)
  // ---------------------------------------------------------------------
  var tip = $("tooltip");
  function showTip(lines, pointer) {
    tip.textContent = lines.join("\n");
    tip.hidden = false;
    var stage = $("stage").getBoundingClientRect();
    var x = Math.min(pointer.x + 14, stage.width - 350), y = Math.min(pointer.y + 14, stage.height - 80);
    tip.style.left = Math.max(x, 4) + "px";
    tip.style.top = Math.max(y, 4) + "px";
  }
  function hideTip() { tip.hidden = true; }
  function dates(st) {
    if (!st.start && !st.end) { return "undated"; }
    return (st.start || "?") + " \u2192 " + (st.end || "");
  }
  function statementLine(st, other) {
    return labelOf(st.s) + " \u2014 " + (relById[st.p] ? relById[st.p].label : st.p) + " \u2192 " +
      (other ? labelOf(other) : st.ends.map(labelOf).join(" & "));
  }
  network.on("hoverNode", function (p) {
    var n = nodeById[p.node];
    if (!n) { return; }
    var lines = [n.label, n.kind || "Other"];
    if (n.aliases && n.aliases.length) { lines.push("Also: " + n.aliases.slice(0, 4).join(", ")); }
    var count = current ? current.edges.filter(function (g) { return g.from === n.id || g.to === n.id; }).length : 0;
    lines.push(count + " relation line" + (count === 1 ? "" : "s") + " shown \u2014 click for the evidence");
    showTip(lines, p.pointer.DOM);
  });
  network.on("hoverEdge", function (p) {
    var g = groupsById[p.edge];
    if (!g) { return; }
    var r = relById[g.p];
    var lines = [labelOf(g.from) + " \u2014 " + r.label + (r.symmetric ? " \u2014 " : " \u2192 ") + labelOf(g.to),
      r.polarity + (g.hyp ? ", potential/proposed" : "")];
    g.sts.slice(0, 4).forEach(function (id) {
      var st = stById[id];
      lines.push("\u2022 " + dates(st) + (st.claimant ? " (claimed by " + st.claimant + ")" : "") +
        (st.status && !st.hyp ? " [" + st.status + "]" : ""));
    });
    if (g.sts.length > 4) { lines.push("\u2026 and " + (g.sts.length - 4) + " more"); }
    lines.push("Click for the evidence");
    showTip(lines, p.pointer.DOM);
  });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // ---------------------------------------------------------------------
  // Evidence panel
  // ---------------------------------------------------------------------
  var panel = $("panel"), body = $("panel-body");
  var panelShows = null;
  function statementCard(st, day) {
    var active = !st.hyp && (day === null || isActive(st.start, st.end, day));
    var pol = polarityOf(st);
    var card = el("div", "st" + (active ? "" : " inactive"));
    card.style.borderLeftColor = polColor[pol];
    card.appendChild(el("div", "what", statementLine(st)));
    var when = dates(st) + " \u00b7 " + pol + (st.hyp ? " \u00b7 " + (st.status || "potential") + " (not asserted)" :
      active ? "" : " \u00b7 not active on this date");
    if (st.claimant) { when += " \u00b7 claimed by " + st.claimant; }
    if (st.status && !st.hyp) { when += " \u00b7 " + st.status; }
    card.appendChild(el("div", "when", when));
    if (st.quote) { card.appendChild(el("blockquote", null, "\u201c" + st.quote + "\u201d")); }
    if (st.note) { card.appendChild(el("div", "when", "Note: " + st.note)); }
    card.appendChild(el("cite", null, st.citation ? "\u2014 " + st.citation : "\u2014 (no source recorded)"));
    return card;
  }
  function sortCards(ids, day) {
    return ids.map(function (id) { return stById[id]; }).sort(function (a, b) {
      var aa = !a.hyp && (day === null || isActive(a.start, a.end, day)) ? 0 : 1;
      var bb = !b.hyp && (day === null || isActive(b.start, b.end, day)) ? 0 : 1;
      if (aa !== bb) { return aa - bb; }
      var ka = a.start ? parseDate(a.start).earliest : "", kb = b.start ? parseDate(b.start).earliest : "";
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
  }
  function openPanel(render) {
    panelShows = render;
    render();
    panel.hidden = false;
  }
  function showNode(id) {
    openPanel(function () {
      var n = nodeById[id], day = currentDay();
      body.textContent = "";
      body.appendChild(el("h2", null, n.label));
      body.appendChild(el("p", "meta", (n.kind || "Other") + " \u00b7 id " + n.id));
      if (n.aliases && n.aliases.length) { body.appendChild(el("p", "meta", "Also known as: " + n.aliases.join("; "))); }
      if (n.role) { body.appendChild(el("p", "meta", "Role: " + n.role)); }
      if (n.description) { body.appendChild(el("p", null, n.description)); }
      var ids = DATA.statements.filter(function (st) { return st.s === id || st.ends.indexOf(id) >= 0; })
        .map(function (st) { return st.id; });
      body.appendChild(el("h3", null, "Evidence: " + ids.length + " statement" + (ids.length === 1 ? "" : "s") +
        (day ? " (those active on " + humanDay(day) + " first)" : "")));
      sortCards(ids, day).forEach(function (st) { body.appendChild(statementCard(st, day)); });
    });
  }
  function showEdge(key) {
    var g = groupsById[key];
    if (!g) { return; }
    openPanel(function () {
      var day = currentDay(), r = relById[g.p];
      body.textContent = "";
      body.appendChild(el("h2", null, labelOf(g.from) + (r.symmetric ? " \u2014 " : " \u2192 ") + labelOf(g.to)));
      body.appendChild(el("p", "meta", r.label + " \u00b7 " + r.polarity));
      body.appendChild(el("h3", null, "Evidence: " + g.sts.length + " statement" + (g.sts.length === 1 ? "" : "s")));
      sortCards(g.sts, day).forEach(function (st) { body.appendChild(statementCard(st, day)); });
    });
  }
  $("panel-close").addEventListener("click", function () { panel.hidden = true; panelShows = null; network.unselectAll(); });
  network.on("click", function (p) {
    hideTip();
    if (p.nodes.length) { showNode(p.nodes[0]); }
    else if (p.edges.length) { showEdge(p.edges[0]); }
  });

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
  var labelsBox = $("edge-labels");
  labelsBox.checked = state.labels;
  labelsBox.addEventListener("change", function (e) { state.labels = e.target.checked; drawnKeys = {}; visEdges.clear(); apply(); });
  Array.prototype.forEach.call(document.querySelectorAll("input[name=colour]"), function (radio) {
    radio.addEventListener("change", function () { if (radio.checked) { state.colour = radio.value; apply(); } });
  });
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
      var name = camps.names && camps.names[k] ? camps.names[k] + ": " : "";
      row.appendChild(el("span", null, name + names.slice(0, 4).join(", ") + (names.length > 4 ? " +" + (names.length - 4) : "")));
      box.appendChild(row);
    });
    box.appendChild(el("p", "msg", "Camps: " + camps.how + ". Grey: no camp."));
  }

  // time slider
  var slider = $("slider"), playTimer = null;
  if (DATA.fixedDay || !DATA.months.length) {
    $("time-section").querySelector(".row").hidden = true;
  } else {
    slider.max = String(DATA.months.length - 1);
    slider.value = String(state.month);
    slider.setAttribute("aria-valuetext", DATA.months[state.month]);
    slider.addEventListener("input", function () {
      state.month = +slider.value;
      slider.setAttribute("aria-valuetext", DATA.months[state.month]);
      apply();
    });
    $("play").addEventListener("click", function () {
      if (playTimer) { clearInterval(playTimer); playTimer = null; $("play").textContent = "\u25b6"; return; }
      if (state.month >= DATA.months.length - 1) { state.month = 0; }
      $("play").textContent = "\u275a\u275a";
      playTimer = setInterval(function () {
        if (state.month >= DATA.months.length - 1) { clearInterval(playTimer); playTimer = null; $("play").textContent = "\u25b6"; return; }
        state.month += 1;
        slider.value = String(state.month);
        apply();
      }, 350);
    });
  }

  // search
  // [normalised name, id, rank]: actors before places, labels before aliases
  var names = [];
  DATA.nodes.forEach(function (n) {
    var place = n.type === "Place" ? 2 : 0;
    names.push([normalise(n.label), n.id, place]);
    (n.aliases || []).forEach(function (a) { names.push([normalise(a), n.id, place + 1]); });
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
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    showNode(id);
  }
  function doSearch() {
    var query = $("search").value;
    var id = findActor(query);
    if (id === null) { $("search-msg").textContent = query.trim() ? "No actor matches \u201c" + query + "\u201d." : ""; return; }
    $("search-msg").textContent = "Showing " + labelOf(id) + ".";
    focusActor(id);
  }
  $("search").addEventListener("keydown", function (e) { if (e.key === "Enter") { doSearch(); } });
  $("search").addEventListener("change", doSearch);
  $("search-go").addEventListener("click", doSearch);

  // ---------------------------------------------------------------------
  // Bounded stabilisation, then physics off
  // ---------------------------------------------------------------------
  var settled = false;
  var timings = { built: performance.now() };
  function settle() {
    if (settled) { return; }
    settled = true;
    timings.stabilised = performance.now();
    network.stopSimulation();
    network.setOptions({ physics: { enabled: false } });
    visEdges.clear();
    drawnKeys = {};
    apply();
    network.fit({ nodes: Object.keys(current.nodes), animation: false });
    $("busy").hidden = true;
    timings.ready = performance.now();
    document.body.setAttribute("data-ready", "1");
  }
  network.once("stabilizationIterationsDone", settle);
  if (noPhysics) { setTimeout(settle, 0); }
  setTimeout(settle, big ? 20000 : 8000);
  window.actorgraph = { timings: timings, network: network, apply: apply, state: state, computeVisible: computeVisible, focusActor: focusActor,
    showEdge: showEdge, showNode: showNode, findActor: findActor, data: DATA };
  updateCaption();
})();
