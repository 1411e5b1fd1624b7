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
  // The page names the build it was served from, and `hello` the build now: a
  // save that landed while the page loaded, or while the stream was down
  // (server restarted, laptop asleep), shows as a different number.
  var script = document.currentScript;
  var seen = script ? script.getAttribute("data-build") : null;
  var events = new EventSource("/__planblanc/events");
  // The stream is closed first: a browser allows six connections to a server,
  // and six open tabs would otherwise hold them all while each waits to reload.
  function reload() {
    events.close();
    location.reload();
  }
  events.addEventListener("hello", function (e) {
    if (seen !== null && e.data !== seen) {
      reload();
    }
    seen = e.data;
  });
  events.addEventListener("reload", reload);
})();
