// A link to a post of a thread ("#p123") made before the thread had more pages,
// or when the post sat on another page, lands on a page without that post: ask
// the post's lasting address (forums:post_link), which redirects to its page.
(function () {
  "use strict";
  var thread = document.querySelector("[data-post-link]");
  if (!thread) {
    return;
  }
  function findPost() {
    var match = /^#p(\d+)$/.exec(window.location.hash);
    if (!match || document.getElementById("p" + match[1])) {
      return;
    }
    window.location.replace(
      thread.getAttribute("data-post-link").replace(/\/0\/$/, "/" + match[1] + "/")
    );
  }
  findPost();
  window.addEventListener("hashchange", findPost);
})();
