// jixiao default theme: sortable tables, a progressive enhancement. Without it the tables are
// complete and in their published order. Adds a button to each column heading of a
// table.sortable; sorts by the cells' data-sort values (numbers or text), missing values last,
// ties in the original order; states the order with aria-sort.
(function () {
  "use strict";
  var tables = document.querySelectorAll("table.sortable");
  Array.prototype.forEach.call(tables, function (table) {
    if (!table.tHead || !table.tBodies.length) return;
    var hint = table.querySelector(".sort-hint");
    if (hint) hint.hidden = false;
    var body = table.tBodies[0];
    var original = Array.prototype.slice.call(body.rows);
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort-button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = th.getAttribute("data-sort-type") === "number";
        var keyed = original.map(function (row, i) {
          var cell = row.cells[col];
          var raw = cell ? cell.getAttribute("data-sort") : null;
          if (raw === null && cell && !numeric) raw = cell.textContent.trim();
          var key = raw === null || raw === "" ? null : numeric ? parseFloat(raw) : raw;
          if (numeric && key !== null && isNaN(key)) key = null;
          return { row: row, key: key, i: i };
        });
        keyed.sort(function (a, b) {
          if (a.key === null || b.key === null) {
            if (a.key === b.key) return a.i - b.i;
            return a.key === null ? 1 : -1;
          }
          var c = numeric ? a.key - b.key : String(a.key).localeCompare(String(b.key), "zh-CN");
          if (!ascending) c = -c;
          return c || a.i - b.i;
        });
        keyed.forEach(function (k) { body.appendChild(k.row); });
      });
    });
  });
})();
