/* actorgraph map, part 1 of 6 — the data and what is visible: dates, DOM helpers, indexes, state, camps.
   Every string from the data is shown with textContent. The parts are inlined in order inside one
   function scope (graph/exports/html.py: MAP_SCRIPTS), so they share their declarations. */
  var DATA = JSON.parse(document.getElementById("ag-data").textContent);

  // ---------------------------------------------------------------------
  // Dates: a port of graph/core/dates.py (parse_date, parse_day, is_active "possible")
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
  if (!polColor.mixed) { polColor.mixed = "#b8860b"; }  // a pair with strong ties of both signs (graph.analysis.ties)
  var stById = {};
  DATA.statements.forEach(function (s) { stById[s.id] = s; });
  function labelOf(id) { return nodeById[id] ? nodeById[id].label : id; }
  /** The tie model's order of relation types (graph.core.ontology: tie_order): strongest first, structural last. */
  function rankOf(p) {
    var r = relById[p];
    if (r && typeof r.rank === "number") { return r.rank; }
    return r && typeof r.intensity === "number" ? 1000 - Math.abs(r.intensity) : 2000;
  }
  function byRank(a, b) { return rankOf(a) - rankOf(b) || (a < b ? -1 : a > b ? 1 : 0); }
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
    selectedPair: null, hoverPair: null, focus: null,
    // undated statements: drawn (dash-dot when a pair has nothing else), left out of a pair's sign unless asked
    undated: true, undatedSigns: false,
    from: null  // a date-range window: the index of its first month (the slider gives its last); null = one date
  };
  DATA.types.forEach(function (t) { state.types[t.id] = !t.hidden; });
  if (DATA.focus) { state.pinned[DATA.focus] = true; }  // the export's --actor is always shown
  DATA.relTypes.forEach(function (r) { state.rels[r.id] = true; });

  /** First day of the date-range window, or null (a single date). */
  function windowStart() {
    if (state.from === null || DATA.fixedDay || state.month < 0) { return null; }
    return parseDate(DATA.months[Math.min(state.from, state.month)]).earliest;
  }
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
    var text = DATA.caption, lo = windowStart();
    var when = lo ? "from " + humanDay(lo) + " to " + humanDay(day) : day ? "as of " + humanDay(day) : "";
    if (!DATA.statements.length) { text += ". No relation matches the export filters."; }
    else { text += day ? ". Relations " + when + "." : ". All relations (undated)."; }
    if (DATA.filters) { text += " Export filters: " + DATA.filters + "."; }
    $("caption").textContent = text;
    $("date-label").textContent = day ? when : "no dated relation";
  }

  // ---------------------------------------------------------------------
  // What is visible at the chosen date under the filters
  // ---------------------------------------------------------------------
  function statementVisible(st, day) {
    if (!state.rels[st.p] || !state.pols[polarityOf(st)]) { return false; }
    if (st.hyp) { return state.hyp; }
    if (st.undated && !state.undated) { return false; }
    var lo = windowStart();
    return day === null || (lo ? activeDuring(st, lo, day) : activeOn(st, day));
  }
  /** Whether a statement holds on some day of a window [lo, hi] (ISO days). */
  function activeDuring(st, lo, hi) {
    if (st.from !== undefined || st.until !== undefined) {
      return (st.from === null || st.from === undefined || st.from <= hi) &&
             (st.until === null || st.until === undefined || st.until >= lo);
    }
    return (!st.start || parseDate(st.start).earliest <= hi) && (!st.end || parseDate(st.end).latest >= lo);
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
  /** The tie model of graph/analysis/ties.py (read_pair): each statement weighs its type's intensity (ag:intensity)
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
  /** The sign of a pair on a day. Undated statements count only when asked (state.undatedSigns), or when the
   *  pair has nothing else (its line is then drawn as undated). */
  function reduceSign(sts, day) {
    var score = 0, strongF = false, strongH = false, any = false;
    var dated = state.undatedSigns ? sts : sts.filter(function (st) { return !st.undated; });
    if (!dated.some(function (st) { return !st.hyp; })) { dated = sts; }
    dated.forEach(function (st) {
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
        g.undated = g.undated !== false && !!st.undated;
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
      g.ps.sort(byRank);  // the strongest tie leads the label and the tooltip
      // the strongest statement's relation type names the pair (graph.analysis.ties: because, strongest first)
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
