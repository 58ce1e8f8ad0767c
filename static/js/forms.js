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

// Every page: switching language on a half-filled form. The language links are
// plain links (no form, cacheable pages), so what was typed would be lost: it is
// carried to the same form in the other language, in this tab only, once.
// Passwords and files never are.
(function () {
  "use strict";
  var KEY = "vetnet:form-in-other-language";
  var switcher = document.querySelector(".language-switcher");
  var form = document.querySelector("main form[method=post]");
  if (!switcher || !window.sessionStorage) return;
  var codes = Array.prototype.map.call(
    switcher.querySelectorAll("a[hreflang]"),
    function (link) { return link.getAttribute("hreflang"); }
  );

  // The path without its language prefix (English has none).
  function bare(url) {
    var path = new URL(url, window.location.href).pathname;
    var parts = path.split("/");
    return codes.indexOf(parts[1]) !== -1 ? "/" + parts.slice(2).join("/") : path;
  }

  // Not form.action: a field named "action" would stand in its place.
  function actionOf(form) {
    return bare(form.getAttribute("action") || window.location.href);
  }

  function carried(field) {
    return field.name && !field.disabled &&
      ["hidden", "file", "password", "submit", "button", "reset", "image"]
        .indexOf(field.type) === -1;
  }

  var saved = null;
  try {
    saved = JSON.parse(sessionStorage.getItem(KEY) || "null");
    sessionStorage.removeItem(KEY);
  } catch (e) { saved = null; }
  // The same form (its action), wherever the link led (a refused booking's
  // page leads back to the counsellor's times).
  if (saved && form && actionOf(form) === saved.action) {
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!carried(field) || !(field.name in saved.values)) return;
      var value = saved.values[field.name];
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = value.indexOf(field.value) !== -1;
      } else if (field.type === "select-multiple") {
        Array.prototype.forEach.call(field.options, function (option) {
          option.selected = value.indexOf(option.value) !== -1;
        });
      } else {
        field.value = value[0] || "";
      }
    });
  }

  if (!form) return;
  switcher.addEventListener("click", function (event) {
    var link = event.target.closest("a[hreflang]");
    if (!link) return;
    var values = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!carried(field)) return;
      var list = values[field.name] || (values[field.name] = []);
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) list.push(field.value);
      } else if (field.type === "select-multiple") {
        Array.prototype.forEach.call(field.selectedOptions, function (option) {
          list.push(option.value);
        });
      } else {
        list.push(field.value);
      }
    });
    try {
      sessionStorage.setItem(KEY, JSON.stringify({
        action: actionOf(form), values: values,
      }));
    } catch (e) { /* storage full or refused: the plain link still works */ }
  });
})();
