/* actorgraph map, part 5 of 6 — the time slider and the events strip under it. */
  // time slider and the events strip under it
  var slider = $("slider"), playTimer = null;
  function setMonth(i) {
    state.month = Math.max(0, Math.min(DATA.months.length - 1, i));
    slider.value = String(state.month);
    slider.setAttribute("aria-valuetext", DATA.months[state.month]);
    apply();
  }
  /** Index of the month holding an ISO day (clamped to the slider's range). */
  function monthIndex(day) {
    var i = DATA.months.indexOf(day.slice(0, 7));
    if (i >= 0) { return i; }
    return day.slice(0, 7) < DATA.months[0] ? 0 : DATA.months.length - 1;
  }
  /** Events whose dates overlap a month (at the text's precision). */
  function eventsInMonth(month) {
    var lo = parseDate(month).earliest, hi = parseDate(month).latest;
    return EVENTS.filter(function (ev) { return ev.lo <= hi && ev.hi >= lo; });
  }
  /** Months where the map changes: a statement begins or ends, or an event happens (what Play stops at). */
  var changeMonths = null;
  function stops() {
    if (changeMonths) { return changeMonths; }
    var at = {};
    DATA.statements.forEach(function (st) {
      if (st.from) { at[monthIndex(st.from)] = true; }
      if (st.until) {
        var i = monthIndex(st.until);  // the first month whose last day is past it
        at[st.until < parseDay(DATA.months[i]) ? i : Math.min(i + 1, DATA.months.length - 1)] = true;
      }
    });
    stripMonths().forEach(function (i) { at[i] = true; });
    at[0] = true; at[DATA.months.length - 1] = true;
    changeMonths = Object.keys(at).map(Number).sort(function (a, b) { return a - b; });
    return changeMonths;
  }
  function stopPlay() { clearInterval(playTimer); playTimer = null; $("play").textContent = "\u25b6"; }
  if (DATA.fixedDay || !DATA.months.length) {
    $("time-section").querySelector(".row").hidden = true;
    $("time-section").querySelector(".window-row").hidden = true;
  } else {
    slider.max = String(DATA.months.length - 1);
    slider.value = String(state.month);
    slider.setAttribute("aria-valuetext", DATA.months[state.month]);
    slider.addEventListener("input", function () { setMonth(+slider.value); });
    $("play").title = "Play through time: the months where something changes (empty stretches skipped)";
    $("play").addEventListener("click", function () {
      if (playTimer) { stopPlay(); return; }
      var list = stops();
      if (state.month >= list[list.length - 1]) { setMonth(list[0]); }
      $("play").textContent = "\u275a\u275a";
      playTimer = setInterval(function () {
        var next = stops().filter(function (i) { return i > state.month; })[0];
        if (next === undefined) { stopPlay(); return; }
        setMonth(next);
      }, 450);
    });
    // the date-range window: from a month (this select) to the slider's month
    var from = $("window-from");
    DATA.months.forEach(function (m, i) { var o = el("option", null, humanMonth(m)); o.value = String(i); from.appendChild(o); });
    from.value = "0";
    var windowOn = $("window-on");
    var setWindow = function () {
      from.disabled = !windowOn.checked;
      state.from = windowOn.checked ? +from.value : null;
      if (state.from !== null && state.from > state.month) { state.from = state.month; from.value = String(state.month); }
      apply();
    };
    windowOn.addEventListener("change", setWindow);
    from.addEventListener("change", setWindow);
  }
  /** The months the strip shows: those in which an event begins (a few dozen, not every month of the range;
   *  an event dated to a year or left open begins in its first month). */
  var stripCache = null, startsIn = {};
  function stripMonths() {
    if (stripCache) { return stripCache; }
    EVENTS.forEach(function (ev) {
      if (ev.lo === FIRST) { return; }
      var i = monthIndex(ev.lo);
      (startsIn[i] = startsIn[i] || []).push(ev);
    });
    stripCache = Object.keys(startsIn).map(Number).sort(function (a, b) { return a - b; });
    return stripCache;
  }
  var stripBuilt = false, STRIP_W = 236;
  function buildStrip() {
    stripBuilt = true;
    var box = $("events-bars");
    STRIP_W = Math.max(120, Math.min(box.clientWidth || 236, 320));  // the sidebar's width (narrower at 1024 px)
    if (!DATA.months.length || !EVENTS.length || DATA.fixedDay || !stripMonths().length) { $("events-strip").hidden = true; return; }
    var shown = stripMonths(), n = shown.length, H = 26, gap = 2, w = (STRIP_W - gap * (n - 1)) / n;
    var counts = shown.map(function (i) { return startsIn[i].length; });
    var max = Math.max.apply(null, counts.concat([1]));
    var svg = svgEl("svg", { width: STRIP_W, height: H, viewBox: "0 0 " + STRIP_W + " " + H, id: "events-svg" });
    svg.appendChild(svgEl("rect", { id: "events-cursor", x: 0, y: 0, width: 0, height: H, fill: "rgba(33,102,172,0.25)" }));
    var axis = $("events-axis"), lastYear = null, lastTick = -100;
    axis.textContent = "";
    shown.forEach(function (i, k) {
      var h = Math.max(3, (H - 2) * counts[k] / max), x = k * (w + gap);
      var bar = svgEl("rect", { x: x.toFixed(2), y: (H - h).toFixed(2), width: w.toFixed(2), height: h.toFixed(2),
        fill: "#8a6d3b", "data-month": DATA.months[i] });
      bar.appendChild(svgEl("title", {})).textContent = humanMonth(DATA.months[i]) + ": " + counts[k] + " event" + (counts[k] === 1 ? "" : "s") + " beginning";
      bar.addEventListener("click", function () { setMonth(i); });
      svg.appendChild(bar);
      var year = DATA.months[i].slice(0, 4);
      if (year !== lastYear && (lastYear === null || x - lastTick > 30)) {
        var tick = el("span", null, year);
        tick.style.left = x.toFixed(1) + "px";
        axis.appendChild(tick);
        lastYear = year; lastTick = x;
      }
    });
    box.appendChild(svg);
  }
  /** Where the cursor goes on the strip: on the month's bar, or a thin mark between the bars around it. */
  function cursorAt(month) {
    var shown = stripMonths(), n = shown.length, gap = 2, w = (STRIP_W - gap * (n - 1)) / n;
    var k = shown.indexOf(month);
    if (k >= 0) { return [k * (w + gap), w]; }
    var after = shown.filter(function (i) { return i < month; }).length;
    return [Math.max(0, after * (w + gap) - gap / 2 - 1), 2];
  }
  function renderEventsStrip() {
    if (!stripBuilt) { buildStrip(); }
    if ($("events-strip").hidden) { return; }
    var lo = state.from !== null ? Math.min(state.from, state.month) : state.month;
    var cursor = $("events-cursor");
    if (cursor) {
      var a = cursorAt(lo), b = cursorAt(state.month);
      cursor.setAttribute("x", a[0].toFixed(2));
      cursor.setAttribute("width", Math.max(b[0] + b[1] - a[0], 2).toFixed(2));
    }
    var list = $("events-month");
    list.textContent = "";
    var evs = [], seen = {};
    for (var i = lo; i <= state.month; i++) {
      eventsInMonth(DATA.months[i]).forEach(function (ev) { if (!seen[ev.id]) { seen[ev.id] = true; evs.push(ev); } });
    }
    var span = lo === state.month ? humanMonth(DATA.months[lo]) : humanMonth(DATA.months[lo]) + " \u2013 " + humanMonth(DATA.months[state.month]);
    // an event the source dates within the span happened then; one whose dates run past it (an open
    // "in or after 2015", a long series) only may have: said apart, never as what happened that month
    var first = parseDate(DATA.months[lo]).earliest, last = parseDate(DATA.months[state.month]).latest;
    var within = evs.filter(function (ev) { return ev.lo >= first && ev.hi <= last; });
    var open = evs.filter(function (ev) { return !(ev.lo >= first && ev.hi <= last); });
    if (!evs.length) { list.appendChild(el("div", "evhead", "No dated event in " + span + ".")); }
    if (within.length) { list.appendChild(el("div", "evhead", "What happened in " + span + ":")); }
    within.forEach(function (ev) { list.appendChild(el("div", "evitem", ev.label + " (" + ev.when + ")")); });
    if (open.length) { list.appendChild(el("div", "evhead", "Dated more loosely, possibly in " + span + ":")); }
    open.forEach(function (ev) { list.appendChild(el("div", "evitem", ev.label + " (" + ev.when + ")")); });
  }
  function humanMonth(m) {
    var months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
      "October", "November", "December"];
    return months[+m.slice(5, 7) - 1] + " " + m.slice(0, 4);
  }
