/* actorgraph map, part 3 of 6 — the tooltip and the evidence panel (an actor, or a pair over time). */
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
  /** A statement's or an event's dates in words, written by the export (graph.core.prose), capitalised. */
  function dates(item) {
    var text = item.when || "undated";
    return text.charAt(0).toUpperCase() + text.slice(1);
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
      (g.undated ? ", undated statements only" : "") +
      " \u00b7 " + g.sts.length + " statement" + (g.sts.length === 1 ? "" : "s") + " shown"];
    // strongest tie first (the tie model's order), as the line's label
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
  /** A statement's card; its citation is left to the list's source line when ``cite`` is false. */
  function statementCard(st, day, cite) {
    var lo = windowStart();
    var active = !st.hyp && (!st.undated || state.undated) &&
      (day === null || (lo ? activeDuring(st, lo, day) : activeOn(st, day)));
    var pol = polarityOf(st);
    var card = el("div", "st" + (active ? "" : " inactive"));
    card.setAttribute("data-st", st.id);
    card.style.borderLeftColor = polColor[pol];
    card.appendChild(el("div", "what", statementLine(st)));
    var when = dates(st) + " \u00b7 " + pol + (st.hyp ? " \u00b7 " + (st.status || "potential") + " (not asserted)" :
      active ? "" : " \u00b7 not active on this date");
    if (st.claimant) { when += " \u00b7 claimed by " + st.claimant; }
    if (st.status && !st.hyp) { when += " \u00b7 " + st.status; }
    card.appendChild(el("div", "when", when));
    if (st.quote) { card.appendChild(el("blockquote", null, "\u201c" + st.quote + "\u201d")); }
    if (st.note) { card.appendChild(el("div", "when", "Note: " + st.note)); }
    if (cite !== false) { card.appendChild(el("cite", null, st.citation ? "\u2014 " + st.citation : "\u2014 (no source recorded)")); }
    return card;
  }
  /** Cards for a list of statements, the citation printed once when they share one source. */
  function statementCards(parent, sts, day) {
    var cites = {};
    sts.forEach(function (st) { cites[st.citation || ""] = true; });
    var one = Object.keys(cites).length === 1 && sts.length > 1 && sts[0].citation;
    if (one) { parent.appendChild(el("cite", "source-once", "Source of every statement below: " + sts[0].citation)); }
    sts.forEach(function (st) { parent.appendChild(statementCard(st, day, !one)); });
  }
  function eventCard(ev) {
    var card = el("div", "ev");
    card.appendChild(el("div", "what", dates(ev) + " \u00b7 " + ev.label));
    if (ev.quote) { card.appendChild(el("blockquote", null, "\u201c" + ev.quote + "\u201d")); }
    return card;
  }
  function byDate(a, b) {
    var ka = a.start ? parseDate(a.start).earliest : "", kb = b.start ? parseDate(b.start).earliest : "";
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  }
  /** When a statement is dated: its start (or its end), the first day it can denote ("" = undated). */
  function dateKey(st) {
    var text = st.start || st.end;
    if (!text) { return ""; }
    var d = parseDate(text);
    if (d.earliest === FIRST && d.latest === LAST) { return ""; }  // "..": no date at all
    return d.earliest === FIRST ? d.latest : d.earliest;
  }
  /** Dated statements first, newest first; undated ones after, in their order. */
  function newestFirst(a, b) {
    var ka = dateKey(a), kb = dateKey(b);
    if (!ka !== !kb) { return ka ? -1 : 1; }
    return ka > kb ? -1 : ka < kb ? 1 : 0;
  }
  function sortCards(ids, day) {
    return ids.map(function (id) { return stById[id]; }).sort(function (a, b) {
      var aa = !a.hyp && (day === null || activeOn(a, day)) ? 0 : 1;
      var bb = !b.hyp && (day === null || activeOn(b, day)) ? 0 : 1;
      if (aa !== bb) { return aa - bb; }
      return newestFirst(a, b);
    });
  }
  function openPanel(render) {
    var opening = panel.hidden;
    panelShows = render;
    render();
    panel.hidden = false;
    return opening;
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
      if (members.length) { body.appendChild(el("p", "meta", "Acting for it (its side): " + members.join(", "))); }
      if (n.aliases && n.aliases.length) { body.appendChild(el("p", "meta", "Also known as: " + n.aliases.join("; "))); }
      if (n.role) { body.appendChild(el("p", "meta", "Role: " + n.role)); }
      if (n.description) { body.appendChild(el("p", null, n.description)); }
      var ids = DATA.statements.filter(function (st) { return st.s === id || st.ends.indexOf(id) >= 0; })
        .map(function (st) { return st.id; });
      body.appendChild(el("h3", null, "Evidence: " + ids.length + " statement" + (ids.length === 1 ? "" : "s") +
        (day ? " (those active on " + humanDay(day) + " first)" : "")));
      statementCards(body, sortCards(ids, day), day);
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
        var d = parseDate(t);  // the open side of a bound form ([..2026-02], [2021-06..]) names no month
        if (d.earliest !== FIRST && (lo === null || d.earliest < lo)) { lo = d.earliest; }
        if (d.latest !== LAST && (hi === null || d.latest > hi)) { hi = d.latest; }
      });
    });
    evs.forEach(function (ev) {
      if (ev.lo !== FIRST && (lo === null || ev.lo < lo)) { lo = ev.lo; }
      if (ev.hi !== LAST && (hi === null || ev.hi > hi)) { hi = ev.hi; }
    });
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
      // the slider's signs leave undated statements out unless asked (they hold only from the source's date)
      var active = sts.filter(function (st) { return !st.hyp && activeOn(st, day) && (!st.undated || state.undatedSigns); });
      var starts = sts.filter(function (st) { return st.start && parseDate(st.start).earliest.slice(0, 7) === first.slice(0, 7); }).length;
      return { month: month, sign: active.length ? reduceSign(active, day) : null, active: active.length, starts: starts };
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
    ends.appendChild(el("span", null, history.length ? humanMonth(history[0].month) : ""));
    ends.appendChild(el("span", null, history.length ? humanMonth(history[history.length - 1].month) : ""));
    box.appendChild(ends);
    return box;
  }
  function showPair(key) {
    var g = groupsById[key];
    var ends = g ? [g.from, g.to] : key.split("\u0000");
    state.selectedPair = key;
    if (state.focus) { state.focus = null; network.unselectAll(); apply(); }
    if (g) { restyle(key); }
    var opened = openPanel(function () {
      var day = currentDay(), a = ends[0], b = ends[1];
      var sts = pairStatements(a, b).sort(newestFirst);
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
      var undated = sts.filter(function (st) { return !dateKey(st); }).length;
      body.appendChild(el("p", "meta", "Newest first" + (undated ? "; the " + undated + " undated after" : "") + "."));
      var list = el("div", "pair-list");
      statementCards(list, sts, day);
      body.appendChild(list);
      if (evs.length) {
        body.appendChild(el("h3", null, "Events between them: " + evs.length));
        evs.forEach(function (ev) { body.appendChild(eventCard(ev)); });
      }
    });
    if (opened && settled) { fitAll(); } else { declutter(); }  // the panel took room: every actor back in view
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
    if (state.focus) { state.focus = null; apply(); }
  }
  $("panel-close").addEventListener("click", closePanel);
  network.on("click", function (p) {
    hideTip();
    var was = state.selectedPair;
    if (p.nodes.length) { state.selectedPair = null; if (was) { restyle(was); } focusActor(p.nodes[0], true); }
    else if (p.edges.length) { if (was && was !== p.edges[0]) { state.selectedPair = null; restyle(was); } showPair(p.edges[0]); }
    else if (state.focus) { state.focus = null; network.unselectAll(); apply(); }  // a click on empty space: undim
  });
