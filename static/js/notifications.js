/* Signed-in pages: the header's unread count, live over /ws/notifications/, and
   @mention autocomplete in forum text fields. Without JavaScript the count is
   right on every page load and mentions are typed as @username. */
(function () {
  "use strict";

  var badges = document.querySelectorAll("[data-unread-count]");
  var link = document.querySelector(".notifications-link");

  function show(count) {
    badges.forEach(function (badge) {
      badge.textContent = String(count);
      badge.hidden = count <= 0;
    });
    document.documentElement.dataset.notificationsUnread = String(count);
  }

  var delay = 1000;
  function connect() {
    if (!("WebSocket" in window)) return;
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    var socket = new WebSocket(scheme + window.location.host + "/ws/notifications/");
    socket.onopen = function () { delay = 1000; };
    socket.onmessage = function (event) {
      var data;
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (data && data.type === "unread" && typeof data.count === "number") {
        show(data.count);
        document.documentElement.dataset.notificationsLive = "true";
      }
    };
    socket.onclose = function (event) {
      document.documentElement.dataset.notificationsLive = "false";
      if (event.code === 4403) return;
      window.setTimeout(connect, delay);
      delay = Math.min(delay * 2, 30000);
    };
  }
  if (badges.length) connect();

  /* @mention autocomplete */
  var membersUrl = link && link.dataset.membersUrl;
  if (!membersUrl) return;
  var fields = document.querySelectorAll("#room-form textarea, textarea[name=body]");
  fields.forEach(function (field) {
    var list = document.createElement("ul");
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    field.insertAdjacentElement("afterend", list);
    var pending = null;

    function word() {
      var before = field.value.slice(0, field.selectionStart);
      var match = /(^|\s)@([\w.+-]{1,50})$/.exec(before);
      return match ? match[2] : null;
    }

    function insert(username) {
      var caret = field.selectionStart;
      var before = field.value.slice(0, caret).replace(/@[\w.+-]*$/, "@" + username + " ");
      field.value = before + field.value.slice(caret);
      field.selectionStart = field.selectionEnd = before.length;
      list.hidden = true;
      field.focus();
    }

    field.addEventListener("input", function () {
      var q = word();
      if (!q) { list.hidden = true; return; }
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(membersUrl + "?q=" + encodeURIComponent(q), {
        credentials: "same-origin", signal: pending.signal
      }).then(function (r) { return r.ok ? r.json() : { members: [] }; })
        .then(function (data) {
          list.textContent = "";
          data.members.forEach(function (member) {
            var option = document.createElement("li");
            option.setAttribute("role", "option");
            option.tabIndex = -1;
            option.textContent = member.name + " (@" + member.username + ")";
            option.addEventListener("mousedown", function (event) {
              event.preventDefault();
              insert(member.username);
            });
            list.appendChild(option);
          });
          list.hidden = data.members.length === 0;
        }).catch(function () {});
    });
    field.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "Escape") { list.hidden = true; }
      if (event.key === "Tab" && list.firstChild) {
        event.preventDefault();
        insert(list.firstChild.textContent.replace(/^.*\(@(.*)\)$/, "$1"));
      }
    });
    field.addEventListener("blur", function () { list.hidden = true; });
  });
})();
