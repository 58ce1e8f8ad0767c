// Every page: forms refused by the server.
// A refused form comes back at the top of the page, its errors a screen or two
// below on a phone: take the visitor (and their screen reader) to the first
// thing to fix. Focusing scrolls it into view.
(function () {
  "use strict";
  var error = document.querySelector(
    "main form [role=alert]:not([hidden]), main form .field--error, " +
      "main form .errorlist:not([hidden])"
  );
  if (!error) return;
  var target = error.matches("[role=alert], .errorlist")
    ? null
    : error.querySelector("input:not([type=hidden]), select, textarea");
  if (!target) {
    error.setAttribute("tabindex", "-1");
    target = error;
  }
  target.focus();
})();
