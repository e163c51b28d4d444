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

// Charts are drawn inline, without a file of their own: their hidden download link
// gets a Blob URL of the inline SVG (made when first reached for), with the styles the page gives it written on each element
// (chart.css does not travel with the file), and is shown. Without JavaScript it stays hidden.
(function () {
  "use strict";
  if (!window.Blob || !window.URL || !URL.createObjectURL || !window.XMLSerializer) return;
  // What chart.css may set on chart shapes and labels that children inherit: written where it
  // differs from the parent's (on the <svg> always), which keeps the file small.
  var INHERITED = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-linecap",
    "stroke-linejoin", "stroke-opacity", "font-family", "font-size", "font-weight", "text-anchor",
    "dominant-baseline", "visibility"];
  function all(el) {
    return [el].concat(Array.prototype.slice.call(el.querySelectorAll("*")));
  }
  // Writes on each element of `to` (copies of `from`, in the same order) the styles the page
  // gives its original; `from[0]` is written in full when `whole`, else where it differs from
  // its parent on the page.
  function paint(from, to, whole) {
    for (var i = 0; i < from.length; i++) {
      var tag = from[i].tagName.toLowerCase();
      if (tag === "title" || tag === "desc") continue;
      var cs = window.getComputedStyle(from[i]);
      var parent = i === 0 && whole ? null : window.getComputedStyle(from[i].parentNode);
      var decl = [];
      for (var j = 0; j < INHERITED.length; j++) {
        var v = cs.getPropertyValue(INHERITED[j]);
        if (v && (!parent || parent.getPropertyValue(INHERITED[j]) !== v)) decl.push(INHERITED[j] + ":" + v);
      }
      // Not inherited: written only where they hide or fade something.
      if (cs.getPropertyValue("opacity") !== "1") decl.push("opacity:" + cs.getPropertyValue("opacity"));
      if (cs.getPropertyValue("display") === "none") decl.push("display:none");
      // After what the element says itself (a line's `marker`, which names the file's own
      // definitions: its computed value would name the page's address).
      var own = to[i].getAttribute("style");
      if (own) decl.unshift(own);
      if (decl.length) to[i].setAttribute("style", decl.join(";"));
    }
  }
  function styled(svg) {
    var copy = svg.cloneNode(true);
    paint(all(svg), all(copy), true);
    // What the chart names but the page defines once for all its charts (the trend charts'
    // point markers, in svg.jx-defs) goes into the file, styled as on the page.
    var defs = null;
    var named = copy.querySelectorAll("[style*='url(#']");
    for (var i = 0; i < named.length; i++) {
      var m = /url\(#([^)]+)\)/.exec(named[i].getAttribute("style"));
      if (!m || copy.querySelector("[id='" + m[1] + "']")) continue;
      var def = document.getElementById(m[1]);
      if (!def) continue;
      if (!defs) defs = copy.appendChild(document.createElementNS(copy.namespaceURI, "defs"));
      var own = def.cloneNode(true);
      paint(all(def), all(own), false);
      defs.appendChild(own);
    }
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(copy) + "\n";
  }
  // The file is made when the reader reaches for the link (pointer over it, focus, click), not
  // at load: a page with several charts would otherwise style every element of each first.
  function prepare(link, svg) {
    if (link.getAttribute("href").slice(0, 5) === "blob:") return;
    link.href = URL.createObjectURL(new Blob([styled(svg)], { type: "image/svg+xml" }));
  }
  var links = document.querySelectorAll("a[data-chart-svg]");
  for (var i = 0; i < links.length; i++) {
    var svg = document.getElementById(links[i].getAttribute("data-chart-svg"));
    if (!svg || svg.tagName.toLowerCase() !== "svg") continue;
    // Until then the link points at the chart; `download` is set here, not in the HTML: it is
    // valid only on a link with an href.
    links[i].href = "#" + svg.id;
    links[i].setAttribute("download", links[i].getAttribute("data-download") || "chart.svg");
    var make = prepare.bind(null, links[i], svg);
    links[i].addEventListener("pointerenter", make);
    links[i].addEventListener("focus", make);
    links[i].addEventListener("click", make);
    links[i].hidden = false;
  }
})();
