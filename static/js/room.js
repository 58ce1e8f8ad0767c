/* Live room: /ws/forums/rooms/<slug>/ (see forums/consumers.py).
 *
 * The page already shows the history and a plain form (works without JavaScript).
 * This script takes over the form while the socket is open, adds live messages,
 * presence, edits, deletions, flags and moderation, pages older messages on
 * scroll, and reconnects with backoff ("reconnecting…") when the server or Redis
 * goes away. Message text is only ever set with textContent: markup stays inert.
 */
(function () {
  "use strict";

  var root = document.getElementById("room");
  var configNode = document.getElementById("room-config");
  if (!root || !configNode || root.dataset.paged === "true" || !("WebSocket" in window)) {
    return;
  }
  var config = JSON.parse(configNode.textContent);
  var strings = document.getElementById("room-strings").dataset;
  var log = document.getElementById("room-log");
  var statusNode = document.getElementById("room-status");
  var presenceNode = document.getElementById("room-presence");
  var olderNode = document.getElementById("room-older");
  var form = document.getElementById("room-form");
  var errorNode = document.getElementById("room-error");
  var textarea = form ? form.querySelector("textarea") : null;
  // The message being composed has an id of its own, kept when it is sent again
  // (after a reconnect, or by the plain form): the server stores it once.
  var clientIdField = form ? form.querySelector("input[name=client_id]") : null;
  var draft = { id: clientIdField ? clientIdField.value : "", text: null };

  var me = config.user;
  var socket = null;
  var attempts = 0;
  var hasMore = false;
  var loadingOlder = false;
  var present = new Map();
  var pendingRef = null;
  var refCounter = 0;
  var FINAL_CODES = [4403, 4404];

  // --- status and errors ------------------------------------------------------

  function showStatus(text, kind) {
    statusNode.textContent = text;
    statusNode.dataset.kind = kind || "";
    statusNode.hidden = !text;
  }

  function showError(text) {
    if (!errorNode) {
      showStatus(text, "error");
      return;
    }
    errorNode.textContent = text || "";
    errorNode.hidden = !text;
    if (textarea) {
      if (text) {
        textarea.setAttribute("aria-invalid", "true");
        textarea.setAttribute("aria-describedby", "room-error");
      } else {
        textarea.removeAttribute("aria-invalid");
      }
    }
  }

  // --- rendering ----------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // One format for every chat time on the page, the history the server rendered
  // included: the page's language, the site's time zone, a 24-hour clock.
  var timeFormat = (function () {
    var locale = config.locale || document.documentElement.lang || undefined;
    var options = {
      day: "numeric", month: "short", hour: "2-digit", minute: "2-digit",
      hourCycle: "h23", timeZone: config.time_zone || undefined,
    };
    try {
      return new Intl.DateTimeFormat(locale, options);
    } catch (error) {
      delete options.timeZone;  // an unknown zone name: the browser's zone
      return new Intl.DateTimeFormat(locale, options);
    }
  })();

  function formatTime(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return "";
    return timeFormat.format(d);
  }

  function reformatTimes(scope) {
    scope.querySelectorAll("time.chat-msg__time").forEach(function (node) {
      var text = formatTime(node.getAttribute("datetime"));
      if (text) node.textContent = text;
    });
  }

  function actionButton(label, handler) {
    var button = el("button", "link-button", label);
    button.type = "button";
    button.addEventListener("click", handler);
    return button;
  }

  function renderMessage(message) {
    var li = el("li", "chat-msg chat-msg--" + message.state);
    li.id = "m" + message.id;
    li.dataset.id = message.id;
    li.dataset.authorId = message.author.id || "";
    var head = el("div", "chat-msg__head");
    head.appendChild(el("span", "chat-msg__author", message.author.name));
    head.appendChild(document.createTextNode(" "));
    var time = el("time", "chat-msg__time", formatTime(message.created_at));
    time.dateTime = message.created_at;
    head.appendChild(time);
    if (message.edited) {
      head.appendChild(document.createTextNode(" "));
      head.appendChild(el("span", "chat-msg__edited", "(" + strings.edited + ")"));
    }
    li.appendChild(head);
    if (message.state === "hidden") {
      li.appendChild(el("p", "chat-msg__text chat-msg__text--muted", strings.hidden));
      return li;
    }
    if (message.state === "deleted") {
      li.appendChild(el("p", "chat-msg__text chat-msg__text--muted", strings.deleted));
      return li;
    }
    var text = el("p", "chat-msg__text", message.text);
    text.dir = "auto"; // Arabic or Hebrew reads right to left among the rest
    li.appendChild(text);
    if (me.can_write) {
      var actions = el("div", "chat-msg__actions");
      var own = me.id !== null && message.author.id === me.id;
      if (own) {
        actions.appendChild(actionButton(strings.edit, function () { startEdit(li, message); }));
      }
      if (own || me.can_moderate) {
        actions.appendChild(actionButton(strings.delete, function () {
          send({ type: "message.delete", id: message.id });
        }));
      }
      if (!own) {
        actions.appendChild(actionButton(strings.flag, function () {
          startFlag(li, message);
        }));
      }
      if (me.can_moderate) {
        actions.appendChild(actionButton(strings.hide, function () {
          send({ type: "message.hide", id: message.id });
        }));
      }
      li.appendChild(actions);
    }
    return li;
  }

  function startEdit(li, message) {
    var editor = el("form", "chat-msg__editor");
    var id = "edit-" + message.id;
    var label = el("label", "visually-hidden", strings.editLabel);
    label.htmlFor = id;
    var input = el("textarea");
    input.id = id;
    input.rows = 2;
    input.value = message.text;
    var save = el("button", "", strings.save);
    save.type = "submit";
    var cancel = el("button", "button--secondary", strings.cancel);
    cancel.type = "button";
    editor.append(label, input, save, cancel);
    editor.addEventListener("submit", function (event) {
      event.preventDefault();
      send({ type: "message.edit", id: message.id, text: input.value });
    });
    cancel.addEventListener("click", function () { li.replaceWith(renderMessage(message)); });
    var text = li.querySelector(".chat-msg__text");
    var actions = li.querySelector(".chat-msg__actions");
    if (actions) actions.remove();
    text.replaceWith(editor);
    input.focus();
  }

  // A flag carries the member's reason for the moderators.
  function startFlag(li, message) {
    if (li.querySelector(".chat-msg__flag-form")) return;
    var form = el("form", "chat-msg__flag-form");
    var id = "flag-" + message.id;
    var label = el("label", "", strings.flagReason);
    label.htmlFor = id;
    var input = el("input");
    input.id = id;
    input.name = "reason";
    input.required = true;
    input.maxLength = 300;
    var submit = el("button", "", strings.flagSend);
    submit.type = "submit";
    var cancel = el("button", "button--secondary", strings.cancel);
    cancel.type = "button";
    form.append(label, input, submit, cancel);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var reason = input.value.trim();
      if (!reason) { input.focus(); return; }
      send({ type: "message.flag", id: message.id, reason: reason });
      form.remove();
    });
    cancel.addEventListener("click", function () { form.remove(); });
    li.appendChild(form);
    input.focus();
  }

  function removeEmptyNote() {
    var empty = document.getElementById("room-empty");
    if (empty) empty.remove();
  }

  function nearBottom() {
    return log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  }

  function appendMessage(message) {
    if (document.getElementById("m" + message.id)) {
      upsertMessage(message);
      return;
    }
    var stick = nearBottom();
    removeEmptyNote();
    log.appendChild(renderMessage(message));
    if (stick) log.scrollTop = log.scrollHeight;
  }

  function upsertMessage(message) {
    var existing = document.getElementById("m" + message.id);
    if (existing) existing.replaceWith(renderMessage(message));
  }

  function replaceHistory(payload) {
    log.textContent = "";
    payload.messages.forEach(function (m) { log.appendChild(renderMessage(m)); });
    hasMore = payload.has_more;
    log.scrollTop = log.scrollHeight;
    // Paging is now done on scroll; the no-JS "Older messages" link goes away.
    if (olderNode) olderNode.textContent = "";
  }

  function prependHistory(payload) {
    var before = log.scrollHeight;
    var first = log.firstChild;
    payload.messages.forEach(function (m) {
      if (!document.getElementById("m" + m.id)) log.insertBefore(renderMessage(m), first);
    });
    hasMore = payload.has_more;
    log.scrollTop += log.scrollHeight - before;
    loadingOlder = false;
    showStatus("", "");
  }

  function renderPresence() {
    presenceNode.textContent = "";
    var users = Array.from(present.values()).sort(function (a, b) {
      return a.name.localeCompare(b.name);
    });
    if (users.length === 0 || (users.length === 1 && users[0].id === me.id)) {
      presenceNode.appendChild(el("li", "meta", strings.nobody));
    }
    users.forEach(function (user) {
      var li = el("li", "presence__user", user.name + (user.id === me.id ? " (" + strings.you + ")" : ""));
      li.dataset.userId = user.id;
      presenceNode.appendChild(li);
    });
  }

  function newClientId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    // Plain-HTTP pages have no randomUUID: a version 4 UUID by hand.
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(b, function (x) {
      return (x + 0x100).toString(16).slice(1);
    }).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16),
      hex.slice(16, 20), hex.slice(20)].join("-");
  }

  function setDraftId(id) {
    draft.id = id;
    if (clientIdField) clientIdField.value = id;
  }

  // The id of the text about to be sent: the same text keeps its id, a changed
  // one is another message.
  function draftIdFor(text) {
    if (!draft.id || (draft.text !== null && draft.text !== text)) setDraftId(newClientId());
    draft.text = text;
    return draft.id;
  }

  // --- socket ---------------------------------------------------------------------

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(frame));
      return true;
    }
    return false;
  }

  function oldestId() {
    var first = log.querySelector(".chat-msg");
    return first ? parseInt(first.dataset.id, 10) : null;
  }

  function loadOlder() {
    var before = oldestId();
    if (!hasMore || loadingOlder || before === null) return;
    loadingOlder = true;
    showStatus(strings.loading, "info");
    if (!send({ type: "history", before: before })) {
      fetch(config.history_url + "?before=" + before, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(prependHistory)
        .catch(function () { loadingOlder = false; });
    }
  }

  var handlers = {
    welcome: function (frame) { me = frame.user; },
    history: function (frame) {
      if (frame.initial) replaceHistory(frame);
      else prependHistory(frame);
    },
    "message.new": function (frame) {
      appendMessage(frame.message);
      if (frame.ref && frame.ref === pendingRef) {
        pendingRef = null;
        setDraftId(newClientId());
        draft.text = null;
        if (textarea) textarea.value = "";
        showError("");
      }
    },
    "message.update": function (frame) { upsertMessage(frame.message); },
    flagged: function () { showStatus(strings.flagged, "info"); },
    presence: function (frame) {
      present = new Map();
      frame.users.forEach(function (u) { present.set(u.id, u); });
      renderPresence();
    },
    "presence.joined": function (frame) { present.set(frame.user.id, frame.user); renderPresence(); },
    "presence.left": function (frame) { present.delete(frame.user.id); renderPresence(); },
    error: function (frame) {
      if (frame.ref && frame.ref === pendingRef) pendingRef = null;
      showError(frame.message);
      loadingOlder = false;
    },
    pong: function () {},
  };

  function connect() {
    var scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
    socket = new WebSocket(scheme + window.location.host + config.socket);
    socket.addEventListener("open", function () {
      attempts = 0;
      root.dataset.live = "true";
      showStatus("", "");
    });
    socket.addEventListener("message", function (event) {
      var frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      var handler = handlers[frame.type];
      if (handler) handler(frame);
    });
    socket.addEventListener("close", function (event) {
      root.dataset.live = "false";
      if (FINAL_CODES.indexOf(event.code) !== -1) {
        showStatus(strings.forbidden, "error");
        return;
      }
      showStatus(strings.reconnecting, "warning");
      attempts += 1;
      var delay = Math.min(15000, 500 * Math.pow(2, Math.min(attempts, 5)));
      setTimeout(connect, delay + Math.random() * 500);
    });
  }

  // --- form -----------------------------------------------------------------------

  if (form && textarea) {
    form.addEventListener("submit", function (event) {
      var text = textarea.value.trim();
      var clientId = draftIdFor(text);
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        return; // plain POST: the message is saved and the page reloads
      }
      event.preventDefault();
      if (!text) { showError(strings.empty); textarea.focus(); return; }
      if (text.length > config.max_length) { showError(strings.tooLong); textarea.focus(); return; }
      refCounter += 1;
      pendingRef = "r" + Date.now() + "-" + refCounter;
      send({ type: "message.send", text: text, ref: pendingRef, client_id: clientId });
    });
    textarea.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }

  log.addEventListener("scroll", function () {
    if (log.scrollTop < 40) loadOlder();
  });

  log.scrollTop = log.scrollHeight;
  reformatTimes(log);
  connect();
})();
