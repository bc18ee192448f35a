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
  const state = data.candidates.map(c => ({decision: "undecided", merge: null, fields: Object.assign({}, c)}));
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
      if (kind === "relation" && !typeNames.has(f.relation)) options.unshift([f.relation, f.relation + " (unknown)"]);
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
    input.addEventListener("input", () => {
      f[name] = input.value;
      refresh(i);
    });
    card.fields.appendChild(input);
    card.inputs[name] = input;
  }

  const cards = [];

  function build() {
    const main = document.getElementById("cards");
    data.candidates.forEach((c, i) => {
      const card = el("article", "card");
      card.dataset.n = String(i);
      const left = el("div", "left");
      left.appendChild(quoteNode(c));
      left.appendChild(el("div", "meta", "confidence " + c.confidence + " · cue “" + c.cue + "”" +
                          (c.status ? " · status " + c.status : "")));
      if (c.matches.length) {
        const box = el("div", "matches");
        box.appendChild(el("strong", null, "Already in the graph (same actors, same relation family):"));
        c.matches.forEach((m, j) => {
          const row = el("div", "m");
          row.appendChild(el("span", null, m.subject + " " + m.relation + " " + m.object +
                             (m.start || m.end ? " [" + m.start + (m.end ? "–" + m.end : "") + "]" : "") + " "));
          const b = el("button", "merge", "Merge into this");
          b.type = "button";
          b.dataset.match = String(j);
          b.addEventListener("click", () => merge(i, j));
          row.appendChild(b);
          row.appendChild(el("blockquote", null, m.quote));
          box.appendChild(row);
        });
        left.appendChild(box);
      }
      const right = el("div", "right");
      const fields = el("div", "fields");
      right.appendChild(fields);
      const entry = {card, fields, inputs: {}, buttons: {}};
      cards.push(entry);
      field(entry, i, "subject", c.relation === "mediatesBetween" ? "mediator" : "subject", "actor");
      field(entry, i, "relation", "relation", "relation");
      field(entry, i, "object", c.relation === "mediatesBetween" ? "parties (a; b)" : "object", "actor");
      field(entry, i, "start", "start", "date");
      field(entry, i, "end", "end", "date");
      field(entry, i, "claimed_by", "claimed by", "actor");
      field(entry, i, "status", "status", "status");
      const actions = el("div", "actions");
      for (const [name, text] of [["accept", "Accept"], ["reject", "Reject"], ["undo", "Undecided"]]) {
        const b = el("button", name, text);
        b.type = "button";
        b.addEventListener("click", () => decide(i, name));
        actions.appendChild(b);
        entry.buttons[name] = b;
      }
      right.appendChild(actions);
      right.appendChild(el("div", "meta problems"));
      card.appendChild(left);
      card.appendChild(right);
      main.appendChild(card);
      refresh(i);
    });
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

  function merge(i, j) {
    const m = data.candidates[i].matches[j];
    const s = state[i];
    for (const k of ["subject", "relation", "object", "start", "end"]) {
      s.fields[k] = m[k];
      cards[i].inputs[k].value = m[k];
    }
    s.merge = j;
    s.decision = "merged";
    refresh(i);
  }

  function refresh(i) {
    const {card, inputs, buttons} = cards[i];
    const s = state[i];
    const bad = problems(s.fields);
    for (const [name, input] of Object.entries(inputs)) input.classList.toggle("bad", bad.includes(name));
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
      lines.push("- {" + COLUMNS.map(k => k + ": " + yamlValue(typeof f[k] === "string" ? f[k].trim() : f[k])).join(", ") + "}");
    }
    return lines.join("\n") + "\n";
  }

  function update() {
    if (cards.length < state.length) return;
    const n = {undecided: 0, accepted: 0, rejected: 0, merged: 0};
    for (const s of state) n[s.decision] += 1;
    document.getElementById("counts").textContent = n.accepted + " accepted · " + n.merged + " merged · " +
      n.rejected + " rejected · " + n.undecided + " undecided";
    document.getElementById("output").value = output();
  }

  function save() {
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
  proposed();
  build();
  update();
  document.getElementById("save").addEventListener("click", save);
  document.getElementById("accept-all").addEventListener("click", () => {
    state.forEach((s, i) => { if (s.decision === "undecided") decide(i, "accept"); });
  });
  document.body.dataset.ready = "1";
})();
