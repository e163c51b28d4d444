// jixiao default theme: optional progressive enhancement. Everything works without it.
// Shows the "print this page" buttons (hidden in the HTML) and wires them to window.print().
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-print]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function () {
      window.print();
    });
  }
})();

// Charts drawn inline without a standalone file (indicator pages): their hidden download link
// gets a Blob URL of the inline SVG, with the styles the page gives it written on each element
// (chart.css does not travel with the file), and is shown. Without JavaScript it stays hidden.
(function () {
  "use strict";
  if (!window.Blob || !window.URL || !URL.createObjectURL || !window.XMLSerializer) return;
  // What chart.css may set on chart shapes and labels.
  var PROPS = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-linecap",
    "stroke-linejoin", "stroke-opacity", "opacity", "font-family", "font-size", "font-weight",
    "text-anchor", "dominant-baseline", "visibility", "display"];
  function styled(svg) {
    var copy = svg.cloneNode(true);
    var from = [svg].concat(Array.prototype.slice.call(svg.querySelectorAll("*")));
    var to = [copy].concat(Array.prototype.slice.call(copy.querySelectorAll("*")));
    for (var i = 0; i < from.length; i++) {
      var cs = window.getComputedStyle(from[i]);
      var decl = [];
      for (var j = 0; j < PROPS.length; j++) {
        var v = cs.getPropertyValue(PROPS[j]);
        if (v) decl.push(PROPS[j] + ":" + v);
      }
      to[i].setAttribute("style", decl.join(";"));
    }
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy) + "\n";
  }
  var links = document.querySelectorAll("a[data-chart-svg]");
  for (var i = 0; i < links.length; i++) {
    var svg = document.getElementById(links[i].getAttribute("data-chart-svg"));
    if (!svg || svg.tagName.toLowerCase() !== "svg") continue;
    links[i].href = URL.createObjectURL(new Blob([styled(svg)], { type: "image/svg+xml" }));
    links[i].hidden = false;
  }
})();
