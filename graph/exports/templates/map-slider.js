/* actorgraph map, part 5 of 6 — the time slider and the events strip under it. */
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
