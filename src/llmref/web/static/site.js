// Progressive enhancement only: every page works without this file.
// Adds a "filter rows" box above tables marked data-filterable.
(function () {
  "use strict";
  document.querySelectorAll("table[data-filterable]").forEach(function (table, n) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    if (rows.length < 8) return;
    var box = document.createElement("p");
    box.className = "filter";
    var id = "filter-" + n;
    box.innerHTML = '<label for="' + id + '">Filter rows </label>';
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.placeholder = "type to filter";
    box.appendChild(input);
    table.parentNode.parentNode.insertBefore(box, table.parentNode);
    input.addEventListener("input", function () {
      var needle = input.value.trim().toLowerCase();
      rows.forEach(function (row) {
        row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) < 0;
      });
    });
  });
})();
