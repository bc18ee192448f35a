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
  var FIRST = "0001-01-01", LAST = "9999-12-31";  // open sides of EDTF bound forms
  /** {earliest, latest} as ISO day strings (compare as strings); EDTF bound forms [..D], [D..] and .. have an
   *  open side (FIRST / LAST), as graph/dates.py gives them. */
  function parseDate(text) {
    var raw = String(text).trim();
    if (raw === "..") { return { earliest: FIRST, latest: LAST }; }
    var bound = /^\[(.*)\]$/.exec(raw);
    if (bound && bound[1].indexOf("..") === 0) { return { earliest: FIRST, latest: parseDate(bound[1].slice(2)).latest }; }
    if (bound && bound[1].slice(-2) === "..") { return { earliest: parseDate(bound[1].slice(0, -2)).earliest, latest: LAST }; }
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
  /** Whether a statement holds on a day: the days graph.dates worked out (the time of knowledge, the
   *  default rule, its actors' lifespans) when the export gives them, else the "possible" rule on its dates. */
  function activeOn(st, day) {
    if (st.from !== undefined || st.until !== undefined) {
      return (st.from === null || st.from === undefined || st.from <= day) &&
             (st.until === null || st.until === undefined || st.until >= day);
    }
    return isActive(st.start, st.end, day);
  }
  window.actorgraphDates = { parseDate: parseDate, parseDay: parseDay, isActive: isActive, activeOn: activeOn };

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
  if (!polColor.mixed) { polColor.mixed = "#b8860b"; }  // a pair with strong ties of both signs (graph.ties)
  var stById = {};
  DATA.statements.forEach(function (s) { stById[s.id] = s; });
  function labelOf(id) { return nodeById[id] ? nodeById[id].label : id; }
  function polarityOf(st) { return relById[st.p] ? relById[st.p].polarity : "neutral"; }

  var SIDES = DATA.sides || {};
  var hasSides = Object.keys(SIDES).length > 0;
  var CAMP_COLORS = DATA.campColors && DATA.campColors.length ? DATA.campColors : ["#2166ac", "#f1a340", "#762a83"];
  var EVENTS = DATA.events || [];
  var LINE_RANK = { solid: 3, dashed: 2, dotted: 1 };

  var state = {
    month: DATA.months.length ? DATA.months.length - 1 : -1,
    types: {}, pols: { friendly: true, hostile: true, neutral: true }, rels: {},
    isolated: DATA.statements.length === 0, hyp: false, colour: "type", pinned: {}, fold: false,
    selectedPair: null, hoverPair: null
  };
  DATA.types.forEach(function (t) { state.types[t.id] = !t.hidden; });
  if (DATA.focus) { state.pinned[DATA.focus] = true; }  // the export's --actor is always shown
  DATA.relTypes.forEach(function (r) { state.rels[r.id] = true; });

  function currentDay() {
    if (DATA.fixedDay) { return DATA.fixedDay; }
    if (state.month < 0) { return null; }
    return parseDay(DATA.months[state.month]);
  }
  /** The actor an id is drawn as: its side's head when sides are folded. */
  function drawnAs(id) { return state.fold && SIDES[id] ? SIDES[id] : id; }
  function pairKeyOf(a, b) { return a < b ? a + "\u0000" + b : b + "\u0000" + a; }

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
    return day === null || activeOn(st, day);
  }
  function nodeTypeOn(id) {
    var n = nodeById[id];
    return !n || state.types[n.type] !== false || state.pinned[id];
  }
  function startKey(st) {
    if (!st.start) { return ["", ""]; }
    var d = parseDate(st.start);
    return [d.earliest, d.latest];
  }
  /** The tie model of graph/ties.py (read_pair): each statement weighs its type's intensity (ag:intensity)
   *  times recency (1 up to its source's date, halving every two years after it, at least 0.25); the pair is
   *  mixed when both signs have a strong tie (|weight| >= 5), else friendly or hostile by the sum. */
  var STRONG = 5.0, HALF_LIFE_DAYS = 2 * 365.25, FLOOR = 0.25;
  function recency(st, day) {
    if (!st.issued || !day || day <= st.issued) { return 1; }
    var age = (Date.parse(day) - Date.parse(st.issued)) / 86400000;
    return Math.max(FLOOR, Math.pow(0.5, age / HALF_LIFE_DAYS));
  }
  function weightOf(st, day) {
    var r = relById[st.p];
    var intensity = r && typeof r.intensity === "number" ? r.intensity
      : ({ friendly: 1, hostile: -1 })[polarityOf(st)] || 0;
    return intensity * recency(st, day);
  }
  function reduceSign(sts, day) {
    var score = 0, strongF = false, strongH = false, any = false;
    sts.forEach(function (st) {
      if (st.hyp) { return; }
      var w = weightOf(st, day);
      if (w === 0) { return; }
      any = true; score += w;
      if (w >= STRONG) { strongF = true; }
      if (w <= -STRONG) { strongH = true; }
    });
    if (!any) { return "neutral"; }
    if (strongF && strongH) { return "mixed"; }
    return score > 0 ? "friendly" : score < 0 ? "hostile" : "neutral";
  }
  /** Groups visible statements into drawn edges: one per pair of (drawn) actors. */
  function computeVisible() {
    var day = currentDay();
    var groups = {}, order = [];
    DATA.statements.forEach(function (st) {
      if (!statementVisible(st, day) || !nodeTypeOn(st.s)) { return; }
      st.ends.forEach(function (other) {
        if (!nodeTypeOn(other)) { return; }
        var a = drawnAs(st.s), b = drawnAs(other);
        if (a === b) { return; }
        if (b < a) { var t = a; a = b; b = t; }
        var key = pairKeyOf(a, b);
        if (!groups[key]) { groups[key] = { id: key, from: a, to: b, sts: [], ps: [], hyp: true }; order.push(key); }
        var g = groups[key];
        if (g.sts.indexOf(st.id) < 0) { g.sts.push(st.id); }
        if (g.ps.indexOf(st.p) < 0) { g.ps.push(st.p); }
        g.hyp = g.hyp && st.hyp;
      });
    });
    var edges = order.map(function (k) {
      var g = groups[k], sts = g.sts.map(function (id) { return stById[id]; });
      g.sign = reduceSign(sts, day);
      var line = "dotted", width = 1.6;
      g.ps.forEach(function (p) {
        var r = relById[p];
        if (LINE_RANK[r.line] > LINE_RANK[line]) { line = r.line; }
        if (r.width > width) { width = r.width; }
      });
      g.line = line; g.width = width;
      // the strongest statement's relation type names the pair (graph.ties: because, strongest first)
      var ranked = sts.slice().sort(function (x, y) { return Math.abs(weightOf(y, day)) - Math.abs(weightOf(x, day)); });
      g.p = (ranked[0] || sts[0]).p;
      return g;
    });
    var nodes = {};
    edges.forEach(function (g) { nodes[g.from] = true; nodes[g.to] = true; });
    if (state.isolated) {
      DATA.nodes.forEach(function (n) { if (nodeTypeOn(n.id) && drawnAs(n.id) === n.id) { nodes[n.id] = true; } });
    }
    Object.keys(state.pinned).forEach(function (id) { nodes[drawnAs(id)] = true; });
    return { edges: edges, nodes: nodes, day: day };
  }

  // ---------------------------------------------------------------------
  // Camps: from graph.analysis when exported with it, else friendly components
  // ---------------------------------------------------------------------
  function computeCamps(vis) {
    var month = state.month >= 0 ? DATA.months[state.month] : null;
    if (DATA.camps && DATA.camps.months && month && DATA.camps.months[month]) {
      var given = DATA.camps.months[month], of = {};
      Object.keys(given).forEach(function (id) { if (of[drawnAs(id)] === undefined) { of[drawnAs(id)] = given[id]; } });
      return { of: of, names: DATA.camps.names || null, how: DATA.camps.how || "" };
    }
    var parent = {};
    function find(x) { while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }
    Object.keys(vis.nodes).forEach(function (id) { parent[id] = id; });
    vis.edges.forEach(function (e) {
      if (e.hyp || e.sign !== "friendly") { return; }
      var a = find(e.from), b = find(e.to);
      if (a !== b) { parent[a] = b; }
    });
    var members = {};
    Object.keys(parent).forEach(function (id) { var r = find(id); (members[r] = members[r] || []).push(id); });
    var roots = Object.keys(members).filter(function (r) { return members[r].length > 1; });
    roots.sort(function (a, b) { return members[b].length - members[a].length; });
    var out = {};
    roots.forEach(function (r, i) { members[r].forEach(function (id) { out[id] = i; }); });
    return { of: out, names: null, how: "actors linked by friendly relations on this date" };
  }

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
    if (st.start && st.start === st.end) { return st.start; }
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
    if (SIDES[n.id]) { lines.push("Acts for " + labelOf(SIDES[n.id])); }
    var count = current ? current.edges.filter(function (g) { return g.from === n.id || g.to === n.id; }).length : 0;
    lines.push(count + " related actor" + (count === 1 ? "" : "s") + " shown \u2014 click for the evidence");
    showTip(lines, p.pointer.DOM);
  });
  network.on("hoverEdge", function (p) {
    var g = groupsById[p.edge];
    if (!g) { return; }
    state.hoverPair = g.id;
    restyle(g.id);
    var lines = [labelOf(g.from) + " \u2014 " + labelOf(g.to), g.sign + " now" + (g.hyp ? ", potential/proposed" : "") +
      " \u00b7 " + g.sts.length + " statement" + (g.sts.length === 1 ? "" : "s") + " shown"];
    g.ps.slice(0, 5).forEach(function (pid) {
      var n = g.sts.filter(function (id) { return stById[id].p === pid; }).length;
      lines.push("\u2022 " + relById[pid].label + (n > 1 ? " \u00d7" + n : ""));
    });
    if (g.ps.length > 5) { lines.push("\u2026 and " + (g.ps.length - 5) + " more relation types"); }
    lines.push("Click for the pair's statements, sign over time and events");
    showTip(lines, p.pointer.DOM);
  });
  network.on("blurNode", hideTip);
  network.on("blurEdge", function () {
    hideTip();
    var was = state.hoverPair;
    state.hoverPair = null;
    if (was) { restyle(was); }
  });
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  // ---------------------------------------------------------------------
  // Evidence panel: an actor, or a pair (every statement, its sign over time, the events between them)
  // ---------------------------------------------------------------------
  var panel = $("panel"), body = $("panel-body");
  function statementCard(st, day) {
    var active = !st.hyp && (day === null || activeOn(st, day));
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
  function eventCard(ev) {
    var card = el("div", "ev");
    card.appendChild(el("div", "what", (ev.end && ev.end !== ev.date ? ev.date + " \u2192 " + ev.end : ev.date) + " \u00b7 " + ev.label));
    if (ev.quote) { card.appendChild(el("blockquote", null, "\u201c" + ev.quote + "\u201d")); }
    return card;
  }
  function byDate(a, b) {
    var ka = a.start ? parseDate(a.start).earliest : "", kb = b.start ? parseDate(b.start).earliest : "";
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  }
  function sortCards(ids, day) {
    return ids.map(function (id) { return stById[id]; }).sort(function (a, b) {
      var aa = !a.hyp && (day === null || activeOn(a, day)) ? 0 : 1;
      var bb = !b.hyp && (day === null || activeOn(b, day)) ? 0 : 1;
      if (aa !== bb) { return aa - bb; }
      return byDate(a, b);
    });
  }
  function openPanel(render) {
    panelShows = render;
    render();
    panel.hidden = false;
  }
  function eventsOf(ids) {
    var want = {};
    ids.forEach(function (id) { want[id] = true; });
    return EVENTS.filter(function (ev) {
      return ev.actors.some(function (a) { return want[a] || want[drawnAs(a)]; }) || ev.places.some(function (p) { return want[p]; });
    });
  }
  function showNode(id) {
    openPanel(function () {
      var n = nodeById[id], day = currentDay();
      body.textContent = "";
      body.appendChild(el("h2", null, n.label));
      body.appendChild(el("p", "meta", (n.kind || "Other") + " \u00b7 id " + n.id));
      if (SIDES[id]) { body.appendChild(el("p", "meta", "Acts for " + labelOf(SIDES[id]) + " (its side)")); }
      var members = Object.keys(SIDES).filter(function (m) { return SIDES[m] === id; }).map(labelOf).sort();
      if (members.length) { body.appendChild(el("p", "meta", "Its side: " + members.join(", "))); }
      if (n.aliases && n.aliases.length) { body.appendChild(el("p", "meta", "Also known as: " + n.aliases.join("; "))); }
      if (n.role) { body.appendChild(el("p", "meta", "Role: " + n.role)); }
      if (n.description) { body.appendChild(el("p", null, n.description)); }
      var ids = DATA.statements.filter(function (st) { return st.s === id || st.ends.indexOf(id) >= 0; })
        .map(function (st) { return st.id; });
      body.appendChild(el("h3", null, "Evidence: " + ids.length + " statement" + (ids.length === 1 ? "" : "s") +
        (day ? " (those active on " + humanDay(day) + " first)" : "")));
      sortCards(ids, day).forEach(function (st) { body.appendChild(statementCard(st, day)); });
      var evs = eventsOf([id]);
      if (evs.length) {
        body.appendChild(el("h3", null, "Events: " + evs.length));
        evs.forEach(function (ev) { body.appendChild(eventCard(ev)); });
      }
    });
  }
  /** Every statement between two drawn actors (any date, any filter), with folding applied. */
  function pairStatements(a, b) {
    return DATA.statements.filter(function (st) {
      var s = drawnAs(st.s);
      return st.ends.some(function (o) { var t = drawnAs(o); return (s === a && t === b) || (s === b && t === a); });
    });
  }
  /** Months from the pair's first dated statement or event to the slider's end (or its last date). */
  function monthsSpan(sts, evs) {
    var lo = null, hi = DATA.months.length ? parseDate(DATA.months[DATA.months.length - 1]).latest : null;
    sts.forEach(function (st) {
      [st.start, st.end].forEach(function (t) {
        if (!t) { return; }
        var d = parseDate(t);
        if (lo === null || d.earliest < lo) { lo = d.earliest; }
        if (hi === null || d.latest > hi) { hi = d.latest; }
      });
    });
    evs.forEach(function (ev) { if (lo === null || ev.lo < lo) { lo = ev.lo; } if (hi === null || ev.hi > hi) { hi = ev.hi; } });
    if (lo === null) { return []; }
    if (DATA.months.length && lo < DATA.months[0]) { lo = parseDate(DATA.months[0]).earliest; }
    var out = [], y = +lo.slice(0, 4), m = +lo.slice(5, 7), Y = +hi.slice(0, 4), M = +hi.slice(5, 7);
    while (y < Y || (y === Y && m <= M)) { out.push(pad(y, 4) + "-" + pad(m, 2)); m += 1; if (m > 12) { m = 1; y += 1; } }
    return out;
  }
  /** The pair's sign month by month, and how many of its statements start each month. */
  function pairHistory(sts, months) {
    return months.map(function (month) {
      var day = parseDay(month), first = parseDate(month).earliest;
      var active = sts.filter(function (st) { return !st.hyp && activeOn(st, day); });
      var starts = sts.filter(function (st) { return st.start && parseDate(st.start).earliest.slice(0, 7) === first.slice(0, 7); }).length;
      return { month: month, sign: active.length ? reduceSign(active) : null, active: active.length, starts: starts };
    });
  }
  function signStrip(history) {
    var W = 330, H = 46, n = Math.max(history.length, 1), w = W / n;
    var svg = svgEl("svg", { width: "100%", height: H, viewBox: "0 0 " + W + " " + H, preserveAspectRatio: "none", "class": "spark" });
    var maxStarts = Math.max.apply(null, history.map(function (h) { return h.starts; }).concat([1]));
    history.forEach(function (h, i) {
      if (h.sign) {
        svg.appendChild(svgEl("rect", { x: (i * w).toFixed(2), y: 0, width: Math.max(w, 0.6).toFixed(2), height: 10,
          fill: polColor[h.sign] || polColor.neutral, "class": "sign-" + h.sign }));
      }
      if (h.starts) {
        var bh = Math.max(2, (H - 16) * h.starts / maxStarts);
        svg.appendChild(svgEl("rect", { x: (i * w).toFixed(2), y: (H - bh).toFixed(2), width: Math.max(w - 0.4, 0.6).toFixed(2),
          height: bh.toFixed(2), fill: "#555555", "class": "bar" }));
      }
    });
    var at = state.month >= 0 ? history.map(function (h) { return h.month; }).indexOf(DATA.months[state.month]) : -1;
    if (at >= 0) {
      var x = (at + 0.5) * w;
      svg.appendChild(svgEl("line", { x1: x, x2: x, y1: 0, y2: H, stroke: "#000", "stroke-width": 1.2, "stroke-dasharray": "3 2",
        "vector-effect": "non-scaling-stroke" }));
    }
    var box = el("div", "spark-box");
    box.appendChild(svg);
    var ends = el("div", "spark-ends");
    ends.appendChild(el("span", null, history.length ? history[0].month : ""));
    ends.appendChild(el("span", null, history.length ? history[history.length - 1].month : ""));
    box.appendChild(ends);
    return box;
  }
  function showPair(key) {
    var g = groupsById[key];
    var ends = g ? [g.from, g.to] : key.split("\u0000");
    state.selectedPair = key;
    if (g) { restyle(key); }
    openPanel(function () {
      var day = currentDay(), a = ends[0], b = ends[1];
      var sts = pairStatements(a, b).sort(byDate);
      var evs = EVENTS.filter(function (ev) {
        var drawn = ev.actors.map(drawnAs);
        return drawn.indexOf(a) >= 0 && drawn.indexOf(b) >= 0;
      });
      body.textContent = "";
      body.setAttribute("data-pair", key);
      body.appendChild(el("h2", null, labelOf(a) + " \u2014 " + labelOf(b)));
      var now = groupsById[key];
      body.appendChild(el("p", "meta", (now ? now.sign + (day ? " on " + humanDay(day) : "") + " \u00b7 " + now.sts.length +
        " of its statements shown on the map" : "no statement shown on this date") +
        " \u00b7 " + sts.length + " statement" + (sts.length === 1 ? "" : "s") + " in all" +
        (state.fold && (Object.keys(SIDES).some(function (m) { return SIDES[m] === a || SIDES[m] === b; })) ? " (sides folded)" : "")));
      var months = monthsSpan(sts, evs);
      if (months.length) {
        body.appendChild(el("h3", null, "Sign over time (band) and statements starting each month (bars)"));
        var strip = el("div", "pair-timeline");
        strip.appendChild(signStrip(pairHistory(sts, months)));
        body.appendChild(strip);
      }
      body.appendChild(el("h3", "pair-count", sts.length + " statement" + (sts.length === 1 ? "" : "s") + ", by date"));
      var list = el("div", "pair-list");
      sts.forEach(function (st) { list.appendChild(statementCard(st, day)); });
      body.appendChild(list);
      if (evs.length) {
        body.appendChild(el("h3", null, "Events between them: " + evs.length));
        evs.forEach(function (ev) { body.appendChild(eventCard(ev)); });
      }
    });
    declutter();
  }
  function showEdge(key) { if (groupsById[key]) { showPair(key); } }
  function closePanel() {
    panel.hidden = true;
    panelShows = null;
    body.removeAttribute("data-pair");
    var was = state.selectedPair;
    state.selectedPair = null;
    if (was) { restyle(was); }
    network.unselectAll();
  }
  $("panel-close").addEventListener("click", closePanel);
  network.on("click", function (p) {
    hideTip();
    var was = state.selectedPair;
    if (p.nodes.length) { state.selectedPair = null; if (was) { restyle(was); } showNode(p.nodes[0]); }
    else if (p.edges.length) { if (was && was !== p.edges[0]) { state.selectedPair = null; restyle(was); } showPair(p.edges[0]); }
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

  // time slider and the events strip under it
  var slider = $("slider"), playTimer = null;
  function setMonth(i) {
    state.month = Math.max(0, Math.min(DATA.months.length - 1, i));
    slider.value = String(state.month);
    slider.setAttribute("aria-valuetext", DATA.months[state.month]);
    apply();
  }
  if (DATA.fixedDay || !DATA.months.length) {
    $("time-section").querySelector(".row").hidden = true;
  } else {
    slider.max = String(DATA.months.length - 1);
    slider.value = String(state.month);
    slider.setAttribute("aria-valuetext", DATA.months[state.month]);
    slider.addEventListener("input", function () { setMonth(+slider.value); });
    $("play").addEventListener("click", function () {
      if (playTimer) { clearInterval(playTimer); playTimer = null; $("play").textContent = "\u25b6"; return; }
      if (state.month >= DATA.months.length - 1) { state.month = 0; }
      $("play").textContent = "\u275a\u275a";
      playTimer = setInterval(function () {
        if (state.month >= DATA.months.length - 1) { clearInterval(playTimer); playTimer = null; $("play").textContent = "\u25b6"; return; }
        setMonth(state.month + 1);
      }, 350);
    });
  }
  /** Events whose dates overlap a month (at the text's precision). */
  function eventsInMonth(month) {
    var lo = parseDate(month).earliest, hi = parseDate(month).latest;
    return EVENTS.filter(function (ev) { return ev.lo <= hi && ev.hi >= lo; });
  }
  var stripBuilt = false;
  function buildStrip() {
    stripBuilt = true;
    var box = $("events-bars");
    if (!DATA.months.length || !EVENTS.length || DATA.fixedDay) { $("events-strip").hidden = true; return; }
    var n = DATA.months.length, W = 236, H = 26, w = W / n;
    var counts = DATA.months.map(function (m) {
      var lo = parseDate(m).earliest, hi = parseDate(m).latest;
      return EVENTS.filter(function (ev) { return ev.lo <= hi && ev.hi >= lo && ev.hi.slice(0, 4) - ev.lo.slice(0, 4) < 2; }).length;
    });
    var max = Math.max.apply(null, counts.concat([1]));
    var svg = svgEl("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H, id: "events-svg", preserveAspectRatio: "none" });
    counts.forEach(function (c, i) {
      if (!c) { return; }
      var h = Math.max(2, (H - 2) * c / max);
      var bar = svgEl("rect", { x: (i * w).toFixed(2), y: (H - h).toFixed(2), width: Math.max(w - 0.3, 1).toFixed(2),
        height: h.toFixed(2), fill: "#8a6d3b", "data-month": DATA.months[i] });
      bar.addEventListener("click", function () { setMonth(i); });
      svg.appendChild(bar);
    });
    svg.appendChild(svgEl("rect", { id: "events-cursor", x: 0, y: 0, width: Math.max(w, 1.5), height: H, fill: "rgba(33,102,172,0.25)" }));
    box.appendChild(svg);
  }
  function renderEventsStrip() {
    if (!stripBuilt) { buildStrip(); }
    if ($("events-strip").hidden) { return; }
    var month = DATA.months[state.month];
    var cursor = $("events-cursor");
    if (cursor) { cursor.setAttribute("x", (state.month * 236 / DATA.months.length).toFixed(2)); }
    var list = $("events-month");
    list.textContent = "";
    var evs = eventsInMonth(month);
    var head = el("div", "evhead", evs.length ? "What happened in " + humanMonth(month) + ":" : "No dated event in " + humanMonth(month) + ".");
    list.appendChild(head);
    evs.forEach(function (ev) {
      var item = el("div", "evitem", ev.label + " (" + (ev.end && ev.end !== ev.date ? ev.date + " \u2192 " + ev.end : ev.date) + ")");
      item.title = "";
      list.appendChild(item);
    });
  }
  function humanMonth(m) {
    var months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"];
    return months[+m.slice(5, 7) - 1] + " " + m.slice(0, 4);
  }

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
})();
