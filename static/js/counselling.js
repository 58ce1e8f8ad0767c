// Counselling pages: show times in the visitor's own time zone.
// The server renders every time in the zone named by ?tz= (or a default zone it
// names on the page). When the visitor has not chosen one, ask again with the
// browser's zone: one server-rendered page per zone, cacheable like any other.
(function () {
  "use strict";
  var form = document.querySelector("form[data-zone-detect]");
  if (!form || !window.Intl) return;
  var params = new URLSearchParams(window.location.search);
  if (params.has("tz")) return;
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone || zone === form.getAttribute("data-zone-detect")) return;
  params.set("tz", zone);
  window.location.replace(window.location.pathname + "?" + params.toString());
})();
