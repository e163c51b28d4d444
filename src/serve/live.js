// jixiao serve: live reload. Injected into previewed pages only; never part of `jixiao build`.
(function () {
  "use strict";
  var OVERLAY = "jixiao-live-overlay";
  function clearOverlay() {
    var el = document.getElementById(OVERLAY);
    if (el) el.remove();
  }
  function showErrors(errors) {
    clearOverlay();
    var box = document.createElement("div");
    box.id = OVERLAY;
    box.setAttribute("role", "alert");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);" +
      "color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2em;white-space:pre-wrap";
    var h = document.createElement("h2");
    h.textContent = "jixiao: 构建失败 / build failed (" + errors.length + ")";
    box.appendChild(h);
    errors.forEach(function (e) {
      var p = document.createElement("p");
      var where = e.file + (e.line ? ":" + e.line + (e.column ? ":" + e.column : "") : "");
      p.textContent = where + "  " + e.code + "\n" + e.message + (e.hint ? "\n= " + e.hint : "");
      box.appendChild(p);
    });
    document.body.appendChild(box);
  }
  function swapCss() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href);
      url.searchParams.set("jixiao-live", Date.now());
      links[i].href = url.toString();
    }
    clearOverlay();
  }
  // A stream refused (503 when too many are open, or the server restarting) is not retried by
  // EventSource itself: open a new one later, waiting longer each time (1 s up to 30 s).
  var wait = 1000;
  function connect() {
    var source = new EventSource("/__jixiao/events");
    source.addEventListener("open", function () { wait = 1000; });
    source.addEventListener("reload", function () { location.reload(); });
    source.addEventListener("css", swapCss);
    source.addEventListener("errors", function (ev) {
      try { showErrors(JSON.parse(ev.data).errors || []); } catch (e) { /* malformed: ignore */ }
    });
    source.addEventListener("error", function () {
      if (source.readyState !== EventSource.CLOSED) return; // EventSource retries by itself
      setTimeout(connect, wait);
      wait = Math.min(wait * 2, 30000);
    });
  }
  connect();
})();
