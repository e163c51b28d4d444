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
