// plumbline HTML report: client-side filters. Inlined at render time and allowed by hash in the page's
// Content-Security-Policy. Reads only data-* attributes and text already on the page, writes only the
// `hidden` / `open` properties and a count: no innerHTML, no eval, no network.
(function () {
  "use strict";
  var bar = document.getElementById("filters");
  if (!bar) return;
  bar.hidden = false;
  var rows = Array.prototype.slice.call(document.querySelectorAll("tbody.result"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("details.group"));
  var areas = Array.prototype.slice.call(document.querySelectorAll("details.area"));
  var rowGroup = rows.map(function (r) { return groups.indexOf(r.closest("details.group")); });
  var groupArea = groups.map(function (g) { return areas.indexOf(g.closest("details.area")); });
  var texts = null;
  var search = document.getElementById("f-text");
  var shown = document.getElementById("f-shown");
  var note = document.getElementById("f-print-note");

  function selected(name) {
    var set = {};
    var boxes = bar.querySelectorAll('input[name="' + name + '"]');
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) set[boxes[i].value] = true;
    return set;
  }

  function describe(name) {
    var out = [];
    var boxes = bar.querySelectorAll('input[name="' + name + '"]');
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) out.push(boxes[i].value);
    return out.length === boxes.length ? "all" : out.join(", ") || "none";
  }

  function apply() {
    var sev = selected("severity");
    var status = selected("status");
    var area = selected("area");
    var q = search.value.trim().toLowerCase();
    // The text of every row, read once and only when someone searches (thousands of rows).
    // A row is found by its group's header too (resource name, type, where each source has it).
    if (q && !texts) {
      var heads = groups.map(function (g) {
        var s = g.querySelector("summary");
        var h = g.querySelector("thead");
        return (s ? s.textContent : "") + " " + (h ? h.textContent : "");
      });
      texts = rows.map(function (r, i) { return ((rowGroup[i] >= 0 ? heads[rowGroup[i]] : "") + " " + r.textContent).toLowerCase(); });
    }
    var groupShown = new Array(groups.length).fill(0);
    var areaShown = new Array(areas.length).fill(0);
    var n = 0;
    for (var i = 0; i < rows.length; i++) {
      var d = rows[i].dataset;
      var ok = sev[d.severity] === true && area[d.area] === true && (!q || texts[i].indexOf(q) >= 0);
      if (ok) {
        var st = d.status.split(" ");
        ok = false;
        for (var j = 0; j < st.length; j++) if (status[st[j]]) ok = true;
      }
      // Only touch what changes: with thousands of rows, every write costs style work.
      if (rows[i].hidden === ok) rows[i].hidden = !ok;
      if (ok) {
        n++;
        if (rowGroup[i] >= 0) groupShown[rowGroup[i]]++;
      }
    }
    for (var g = 0; g < groups.length; g++) {
      if (groups[g].hidden !== (groupShown[g] === 0)) groups[g].hidden = groupShown[g] === 0;
      if (groupShown[g] && groupArea[g] >= 0) areaShown[groupArea[g]] += groupShown[g];
    }
    for (var a = 0; a < areas.length; a++) if (areas[a].hidden !== (areaShown[a] === 0)) areas[a].hidden = areaShown[a] === 0;
    shown.textContent = String(n);
    if (note) {
      note.textContent = "Printed with filters: status " + describe("status") + "; severity " + describe("severity") +
        "; area " + describe("area") + (q ? '; text "' + search.value.trim() + '"' : "") + ".";
    }
  }

  function setAll(open) {
    var all = document.querySelectorAll("details");
    for (var i = 0; i < all.length; i++) all[i].open = open;
  }

  bar.addEventListener("input", apply);
  bar.addEventListener("change", apply);
  document.getElementById("f-expand").addEventListener("click", function () { setAll(true); });
  document.getElementById("f-collapse").addEventListener("click", function () { setAll(false); });
  document.getElementById("f-reset").addEventListener("click", function () {
    var boxes = bar.querySelectorAll("input[type=checkbox]");
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = boxes[i].defaultChecked;
    search.value = "";
    apply();
  });

  // Print everything expanded, then give the reader back the page as it was.
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.filter.call(document.querySelectorAll("details"), function (d) { return !d.open; });
    for (var i = 0; i < closed.length; i++) closed[i].open = true;
  });
  window.addEventListener("afterprint", function () {
    for (var i = 0; i < closed.length; i++) closed[i].open = false;
    closed = [];
  });

  apply();
})();
