"use strict";
// The review page. Every string from the report or the graph is inserted with textContent or
// as a form value, never as markup; nothing is fetched. Decisions are saved as reviewed.yaml.
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const COLUMNS = ["subject", "relation", "object", "start", "end", "claimed_by", "quote", "source",
                   "confidence", "status", "cue"];
  const POINT = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
  function validDate(text) {  // EDTF as the graph stores it: YYYY, YYYY-MM, YYYY-MM-DD or an interval A/B
    const parts = text.split("/");
    if (parts.length > 2) return false;
    const days = [];
    for (const [i, part] of parts.entries()) {
      const m = POINT.exec(part);
      if (!m) return false;
      const y = +m[1], mo = m[2] ? +m[2] : null, d = m[3] ? +m[3] : null;
      if (mo !== null && (mo < 1 || mo > 12)) return false;
      const last = new Date(Date.UTC(y, mo || 12, 0)).getUTCDate();
      if (d !== null && (d < 1 || d > last)) return false;
      days.push(i === 0 ? Date.UTC(y, (mo || 1) - 1, d || 1) : Date.UTC(y, (mo || 12) - 1, d || last));
    }
    return days.length < 2 || days[0] <= days[1];
  }

  const typeNames = new Set(data.types.map(t => t.name));
  const typeLabels = new Map(data.types.map(t => [t.name, t.label]));
  const state = data.candidates.map(c => ({decision: "undecided", merge: null, fields: Object.assign({}, c)}));
  let current = -1;  // the card the keyboard acts on
  const sourceInput = document.getElementById("source-id");
  sourceInput.value = data.header["source id"] || "";
  function sourceOf(f) { return (f.source || "").trim() || sourceInput.value.trim(); }
  const proposedOn = data.actors.map(() => true);

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function quoteNode(c) {
    const p = el("p", "quote");
    let at = 0;
    for (const [start, end, kind] of c.spans) {
      if (start < at || end > c.quote.length) continue;
      if (start > at) p.appendChild(document.createTextNode(c.quote.slice(at, start)));
      p.appendChild(el("mark", kind, c.quote.slice(start, end)));
      at = end;
    }
    p.appendChild(document.createTextNode(c.quote.slice(at)));
    return p;
  }

  function problems(f) {
    const bad = [];
    if (!f.subject.trim()) bad.push("subject");
    if (!f.object.trim()) bad.push("object");
    if (!typeNames.has(f.relation)) bad.push("relation");
    for (const k of ["start", "end"]) if (f[k].trim() && !validDate(f[k].trim())) bad.push(k);
    if (!f.quote.trim()) bad.push("quote");
    if (!sourceOf(f)) bad.push("source");
    return bad;
  }

  function field(card, i, name, label, kind) {
    const f = state[i].fields;
    card.fields.appendChild(el("label", null, label));
    let input;
    if (kind === "relation" || kind === "status") {
      input = document.createElement("select");
      const options = kind === "relation" ? data.types.map(t => [t.name, t.label + " (" + t.polarity + ")"])
                                          : [["", "—"]].concat(data.statuses.map(s => [s, s]));
      if (kind === "relation" && !typeNames.has(f.relation)) options.unshift([f.relation, f.relation ? f.relation + " (unknown)" : "— choose a relation —"]);
      for (const [value, text] of options) {
        const o = el("option", null, text);
        o.value = value;
        input.appendChild(o);
      }
    } else {
      input = document.createElement("input");
      input.type = "text";
      if (kind === "actor") input.setAttribute("list", "names");
      if (kind === "date") input.placeholder = "YYYY, YYYY-MM, YYYY-MM-DD or A/B";
    }
    input.value = f[name];
    input.dataset.field = name;
    input.id = "f" + i + "-" + name;
    card.fields.lastChild.htmlFor = input.id;
    input.addEventListener("input", () => {
      f[name] = input.value;
      refresh(i);
    });
    card.fields.appendChild(input);
    card.inputs[name] = input;
  }

  const cards = [];

  function matchText(m) {
    const when = m.start || m.end ? " (" + (m.start && m.end ? m.start + " to " + m.end : m.start ? "from " + m.start
                                                                                                : "until " + m.end) + ")" : "";
    return m.subject + " " + (m.relation_label || typeLabels.get(m.relation) || m.relation) + " " + m.object + when;
  }

  function buildCard(c, i) {
    const main = document.getElementById("cards");
    const card = el("article", "card" + (c.manual ? " manual" : ""));
    card.dataset.n = String(i);
    card.dataset.confidence = c.confidence || "";
    card.tabIndex = -1;
    card.addEventListener("click", () => setCurrent(i, false));
    const left = el("div", "left");
    if (c.manual) {
      const q = document.createElement("textarea");
      q.className = "quote-input";
      q.rows = 3;
      q.value = c.quote;
      q.setAttribute("aria-label", "the sentence, verbatim");
      q.dataset.field = "quote";
      q.addEventListener("input", () => { state[i].fields.quote = q.value; refresh(i); });
      left.appendChild(q);
      left.appendChild(el("div", "meta", "added by the reviewer"));
    } else {
      left.appendChild(quoteNode(c));
      left.appendChild(el("div", "meta", "confidence " + c.confidence + " · cue “" + c.cue + "”" +
                          (c.status ? " · status " + c.status : "")));
    }
    const diffBox = el("div", "diff");
    diffBox.hidden = true;
    if (c.matches.length) {
      const box = el("div", "matches");
      box.appendChild(el("strong", null, "Already in the graph (same actors, same relation family):"));
      c.matches.forEach((m, j) => {
        const row = el("div", "m");
        row.appendChild(el("span", null, matchText(m) + " "));
        const b = el("button", "merge", "Merge into this…");
        b.type = "button";
        b.dataset.match = String(j);
        b.addEventListener("click", () => showDiff(i, j));
        row.appendChild(b);
        row.appendChild(el("blockquote", null, m.quote));
        if (m.source_label) row.appendChild(el("div", "meta", m.source_label));
        box.appendChild(row);
      });
      left.appendChild(box);
    }
    left.appendChild(diffBox);
    const right = el("div", "right");
    const fields = el("div", "fields");
    right.appendChild(fields);
    const entry = {card, fields, inputs: {}, buttons: {}, diff: diffBox};
    cards[i] = entry;
    field(entry, i, "subject", c.relation === "mediatesBetween" ? "mediator" : "subject", "actor");
    field(entry, i, "relation", "relation", "relation");
    field(entry, i, "object", c.relation === "mediatesBetween" ? "parties (a; b)" : "object", "actor");
    field(entry, i, "start", "start", "date");
    field(entry, i, "end", "end", "date");
    field(entry, i, "claimed_by", "claimed by", "actor");
    field(entry, i, "status", "status", "status");
    field(entry, i, "source", "source id", "text");
    entry.inputs.source.placeholder = "the one above";
    const actions = el("div", "actions");
    for (const [name, text] of [["accept", "Accept"], ["reject", "Reject"], ["undo", "Undecided"],
                                ["again", "Another statement from this sentence"]]) {
      const b = el("button", name, text);
      b.type = "button";
      b.addEventListener("click", () => name === "again" ? addStatement(state[i].fields.quote, i) : decide(i, name));
      actions.appendChild(b);
      entry.buttons[name] = b;
    }
    right.appendChild(actions);
    right.appendChild(el("div", "meta problems"));
    card.appendChild(left);
    card.appendChild(right);
    const after = c.after === undefined ? null : cards[c.after] && cards[c.after].card;
    if (after && after.nextSibling) main.insertBefore(card, after.nextSibling); else main.appendChild(card);
    refresh(i);
  }

  function build() {
    data.candidates.forEach((c, i) => buildCard(c, i));
  }

  function addStatement(quote, after) {
    const text = String(quote || "").trim();
    if (!text) {
      document.getElementById("add-msg").textContent = "paste the sentence first";
      return null;
    }
    const i = data.candidates.length;
    const c = {n: i, subject: "", relation: "", object: "", start: "", end: "", claimed_by: "", quote: text,
               source: "", confidence: "", status: "", cue: "", spans: [], matches: [], manual: true, after: after};
    data.candidates.push(c);
    state.push({decision: "undecided", merge: null, fields: Object.assign({}, c)});
    buildCard(c, i);
    applyView();
    setCurrent(i, true);
    cards[i].inputs.subject.focus();
    document.getElementById("add-msg").textContent = "";
    return i;
  }

  function decide(i, action) {
    const s = state[i];
    if (action === "accept") {
      if (problems(s.fields).length) return refresh(i);
      s.decision = s.merge === null ? "accepted" : "merged";
    } else if (action === "reject") {
      s.decision = "rejected";
    } else {
      s.decision = "undecided";
      s.merge = null;
    }
    refresh(i);
  }

  const MERGE_FIELDS = ["subject", "relation", "object", "start", "end"];

  function showDiff(i, j) {
    const m = data.candidates[i].matches[j];
    const f = state[i].fields;
    const box = cards[i].diff;
    box.textContent = "";
    box.hidden = false;
    box.dataset.match = String(j);
    box.appendChild(el("strong", null, "Merge into: " + matchText(m)));
    box.appendChild(el("p", "note", "Choose, field by field, what the merged statement says. The graph's statement " +
                       "keeps its own dates; the candidate's dates stay with its own sentence unless you take the graph's."));
    const table = el("table");
    const head = el("tr");
    for (const t of ["field", "the candidate says", "the graph says", "keep"]) head.appendChild(el("th", null, t));
    table.appendChild(head);
    for (const k of MERGE_FIELDS) {
      const tr = el("tr");
      tr.dataset.field = k;
      const ours = k === "relation" ? (typeLabels.get(f[k]) || f[k]) : f[k];
      const theirs = k === "relation" ? (m.relation_label || typeLabels.get(m[k]) || m[k]) : m[k];
      const same = String(f[k]).trim() === String(m[k]).trim();
      tr.appendChild(el("td", null, k));
      tr.appendChild(el("td", same ? "same" : null, ours || "—"));
      tr.appendChild(el("td", same ? "same" : null, theirs || "—"));
      const td = el("td");
      if (same) {
        td.appendChild(el("span", "same", "same"));
      } else {
        const sel = document.createElement("select");
        sel.dataset.field = k;
        for (const [v, t] of [["candidate", "the candidate's"], ["graph", "the graph's"]]) {
          const o = el("option", null, t);
          o.value = v;
          sel.appendChild(o);
        }
        // names and type follow the graph's statement; dates stay the candidate's (both are kept)
        sel.value = k === "start" || k === "end" ? "candidate" : "graph";
        sel.setAttribute("aria-label", "keep for " + k);
        td.appendChild(sel);
      }
      tr.appendChild(td);
      table.appendChild(tr);
    }
    box.appendChild(table);
    const apply = el("button", "apply-merge", "Apply the merge");
    apply.type = "button";
    apply.addEventListener("click", () => applyMerge(i, j));
    const cancel = el("button", "cancel-merge", "Cancel");
    cancel.type = "button";
    cancel.addEventListener("click", () => { box.hidden = true; });
    box.appendChild(apply);
    box.appendChild(cancel);
  }

  function applyMerge(i, j) {
    const m = data.candidates[i].matches[j];
    const s = state[i];
    for (const sel of cards[i].diff.querySelectorAll("select[data-field]")) {
      const k = sel.dataset.field;
      if (sel.value === "graph") {
        s.fields[k] = m[k];
        cards[i].inputs[k].value = m[k];
      }
    }
    cards[i].diff.hidden = true;
    s.merge = j;
    s.decision = problems(s.fields).length ? "undecided" : "merged";
    refresh(i);
  }

  function refresh(i) {
    const {card, inputs, buttons} = cards[i];
    const s = state[i];
    const bad = problems(s.fields);
    for (const [name, input] of Object.entries(inputs)) {
      input.classList.toggle("bad", bad.includes(name));
      if (bad.includes(name)) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    }
    if (bad.length && s.decision !== "rejected") s.decision = s.decision === "undecided" ? "undecided" : "undecided";
    card.classList.toggle("accepted", s.decision === "accepted");
    card.classList.toggle("rejected", s.decision === "rejected");
    card.classList.toggle("merged", s.decision === "merged");
    card.dataset.decision = s.decision;
    buttons.accept.classList.toggle("on", s.decision === "accepted" || s.decision === "merged");
    buttons.reject.classList.toggle("on", s.decision === "rejected");
    card.querySelector(".problems").textContent = bad.length ? "to fix before accepting: " + bad.join(", ") : "";
    update();
  }

  function yamlValue(v) {
    return JSON.stringify(String(v));  // a JSON string is a valid YAML double-quoted scalar
  }

  function output() {
    const kept = state.filter(s => s.decision === "accepted" || s.decision === "merged");
    const used = new Set();
    for (const s of kept) {
      for (const k of ["subject", "claimed_by"]) used.add(s.fields[k].trim());
      for (const p of s.fields.object.split(";")) used.add(p.trim());
    }
    const lines = ["# reviewed with actorgraph review: " + kept.length + " of " + state.length + " candidates kept"];
    for (const [k, v] of Object.entries(data.header)) lines.push("# " + String(k + ": " + v).replace(/[\r\n\u2028\u2029]+/g, " "));
    const actors = data.actors.filter((a, j) => proposedOn[j] && used.has(a.label));
    if (actors.length) {
      lines.push("actors:");
      for (const a of actors) {
        lines.push("- {" + ["label", "type", "aliases", "description"].map(k => k + ": " + yamlValue(a[k])).join(", ") + "}");
      }
    }
    lines.push(kept.length ? "relations:" : "relations: []");
    for (const s of kept) {
      const f = s.fields;
      const row = Object.assign({}, f, {source: sourceOf(f)});
      lines.push("- {" + COLUMNS.map(k => k + ": " + yamlValue(typeof row[k] === "string" ? row[k].trim() : row[k])).join(", ") + "}");
    }
    return lines.join("\n") + "\n";
  }

  function update() {
    if (cards.filter(Boolean).length < state.length) return;
    const n = {undecided: 0, accepted: 0, rejected: 0, merged: 0};
    for (const s of state) n[s.decision] += 1;
    document.getElementById("counts").textContent = n.accepted + " accepted · " + n.merged + " merged · " +
      n.rejected + " rejected · " + n.undecided + " undecided";
    document.getElementById("output").value = output();
  }

  function save() {
    const msg = document.getElementById("save-msg");
    const kept = state.filter(s => s.decision === "accepted" || s.decision === "merged");
    const missing = kept.filter(s => !sourceOf(s.fields)).length;
    sourceInput.classList.toggle("bad", missing > 0 || (!kept.length && !sourceInput.value.trim()));
    if (missing) {
      msg.textContent = "not saved: a source is required (" + missing + " kept statement" + (missing > 1 ? "s have" : " has") +
        " none) — type the source id above";
      msg.className = "error";
      sourceInput.focus();
      return;
    }
    msg.className = "";
    const blob = new Blob([output()], {type: "application/x-yaml"});
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "reviewed.yaml";
    document.body.appendChild(a);
    a.click();
    a.remove();
    document.getElementById("save-msg").textContent = "saved reviewed.yaml";
  }

  function proposed() {
    if (!data.actors.length) return;
    document.getElementById("proposed-section").hidden = false;
    const box = document.getElementById("proposed");
    data.actors.forEach((a, j) => {
      const row = el("label", "prop");
      const cb = document.createElement("input");
      cb.type = "checkbox";
      cb.checked = true;
      cb.addEventListener("change", () => { proposedOn[j] = cb.checked; update(); });
      row.appendChild(cb);
      row.appendChild(el("strong", null, a.label));
      const sel = document.createElement("select");
      for (const c of data.classes) {
        const o = el("option", null, c);
        o.value = c;
        sel.appendChild(o);
      }
      sel.value = a.type;
      sel.addEventListener("change", () => { a.type = sel.value; update(); });
      row.appendChild(sel);
      row.appendChild(el("span", "meta", a.description));
      box.appendChild(row);
    });
  }

  document.getElementById("title").textContent = "Review: " + (data.header["source title"] || "candidate statements");
  const src = Object.entries(data.header).filter(([k]) => k.startsWith("source") || k.startsWith("document"))
    .map(([k, v]) => k + ": " + v).join(" · ");
  document.getElementById("source").textContent = src;
  document.getElementById("import-cmd").textContent = "actorgraph --graph WORKSPACE import reviewed.yaml" +
    (data.header["source id"] ? " (after: actorgraph --graph WORKSPACE add source " + data.header["source id"] + " …)" : "");
  const names = document.getElementById("names");
  for (const n of data.names) {
    const o = document.createElement("option");
    o.value = n;
    names.appendChild(o);
  }
  function confidence(i) {
    const v = parseFloat(data.candidates[i].confidence);
    return Number.isNaN(v) ? null : v;
  }

  function order() {  // the cards' indexes in display order
    const how = document.getElementById("sort").value;
    const ids = state.map((_, i) => i);
    if (how === "document") return ids;
    const sign = how === "high" ? -1 : 1;
    return ids.sort((a, b) => {
      const ca = confidence(a), cb = confidence(b);
      if (ca === null || cb === null) return (ca === null) - (cb === null) || a - b;
      return sign * (ca - cb) || a - b;
    });
  }

  function visible(i) {
    const min = parseFloat(document.getElementById("min-conf").value) || 0;
    const c = confidence(i);
    return c === null || c >= min;
  }

  function applyView() {
    const main = document.getElementById("cards");
    if (document.getElementById("sort").value !== "document") {
      for (const i of order()) main.appendChild(cards[i].card);
    } else {
      const manual = [];
      for (let i = 0; i < cards.length; i++) {
        if (!data.candidates[i].manual) main.appendChild(cards[i].card); else manual.push(i);
      }
      for (const i of manual) {  // after the card they were added from
        const after = data.candidates[i].after;
        const ref = after === undefined || after === null ? null : cards[after].card.nextSibling;
        if (ref) main.insertBefore(cards[i].card, ref); else main.appendChild(cards[i].card);
      }
    }
    for (let i = 0; i < cards.length; i++) cards[i].card.hidden = !visible(i);
  }

  function shown() {
    return [...document.querySelectorAll("#cards article.card")].filter(c => !c.hidden).map(c => +c.dataset.n);
  }

  function setCurrent(i, scroll) {
    if (current >= 0 && cards[current]) cards[current].card.classList.remove("current");
    current = i;
    if (i < 0 || !cards[i]) return;
    cards[i].card.classList.add("current");
    document.body.dataset.current = String(i);
    if (scroll) {
      cards[i].card.scrollIntoView({block: "center"});
      cards[i].card.focus({preventScroll: true});
    }
  }

  function step(delta) {
    const list = shown();
    if (!list.length) return;
    const at = list.indexOf(current);
    const next = at < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(Math.max(at + delta, 0), list.length - 1);
    setCurrent(list[next], true);
  }

  document.addEventListener("keydown", e => {
    const tag = (e.target && e.target.tagName) || "";
    if (["INPUT", "TEXTAREA", "SELECT"].includes(tag) || e.ctrlKey || e.metaKey || e.altKey) return;
    const keys = {j: () => step(1), ArrowDown: () => step(1), n: () => step(1), k: () => step(-1), ArrowUp: () => step(-1),
                  p: () => step(-1)};
    if (keys[e.key]) {
      e.preventDefault();
      keys[e.key]();
      return;
    }
    if (current < 0) return;
    const act = {a: "accept", r: "reject", u: "undo"}[e.key];
    if (act) {
      e.preventDefault();
      decide(current, act);
      if (act !== "undo") step(1);
    }
  });

  proposed();
  build();
  update();
  document.getElementById("sort").addEventListener("change", applyView);
  document.getElementById("min-conf").addEventListener("input", applyView);
  sourceInput.addEventListener("input", () => { state.forEach((_, i) => refresh(i)); sourceInput.classList.remove("bad"); });
  document.getElementById("add-statement").addEventListener("click", () => {
    const box = document.getElementById("new-quote");
    if (addStatement(box.value, undefined) !== null) box.value = "";
  });
  document.getElementById("save").addEventListener("click", save);
  document.getElementById("accept-all").addEventListener("click", () => {
    state.forEach((s, i) => { if (s.decision === "undecided" && visible(i)) decide(i, "accept"); });
  });
  document.body.dataset.ready = "1";
})();
