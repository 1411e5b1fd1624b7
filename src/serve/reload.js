// planblanc serve: reloads the page when the site has been rebuilt. The preview
// server adds this script to the pages it sends; it is never part of a build.
(function () {
  "use strict";
  var overlay = document.getElementById("planblanc-overlay");
  if (overlay) {
    var dismiss = overlay.querySelector("[data-planblanc-dismiss]");
    if (dismiss) {
      dismiss.addEventListener("click", function () {
        overlay.hidden = true;
      });
    }
  }
  if (!window.EventSource) {
    return;
  }
  // `hello` carries the build number: after a reconnection (server restarted,
  // laptop asleep), a different number means a rebuild was missed.
  var seen = null;
  var events = new EventSource("/__planblanc/events");
  events.addEventListener("hello", function (e) {
    if (seen !== null && e.data !== seen) {
      location.reload();
    }
    seen = e.data;
  });
  events.addEventListener("reload", function () {
    location.reload();
  });
})();
