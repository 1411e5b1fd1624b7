/* Profile picker ("Mon établissement"): remembers the reader's region and
   establishment type in localStorage and marks listing items that do not apply.
   Plain script, works from file://; without it every page shows everything. */
(function () {
  "use strict";
  var KEY = "planblanc.profile";

  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY) || "{}") || {}; } catch (e) { return {}; }
  }
  function save(profile) {
    try { window.localStorage.setItem(KEY, JSON.stringify(profile)); } catch (e) { /* storage may be off on file:// */ }
  }
  function applies(list, code) {
    if (!code || !list) { return true; }
    var codes = list.split(" ");
    return codes.indexOf("*") >= 0 || codes.indexOf(code) >= 0;
  }
  function apply(profile) {
    var items = document.querySelectorAll("[data-regions][data-types]");
    for (var i = 0; i < items.length; i++) {
      var el = items[i];
      var ok = applies(el.getAttribute("data-regions"), profile.region) &&
               applies(el.getAttribute("data-types"), profile.type);
      el.classList.toggle("not-applicable", !ok);
    }
    var label = document.getElementById("pb-profile-label");
    if (label) {
      var parts = [];
      ["region", "type"].forEach(function (k) {
        var select = document.getElementById("pb-" + k);
        if (select && profile[k]) { parts.push(select.options[select.selectedIndex].text); }
      });
      label.textContent = parts.join(" · ");
    }
    document.documentElement.classList.toggle("profile-only", !!(profile.region || profile.type) && !profile.showAll);
  }

  function init() {
    var box = document.getElementById("pb-profile");
    var profile = load();
    if (box) {
      box.hidden = false;
      ["region", "type"].forEach(function (k) {
        var select = document.getElementById("pb-" + k);
        if (!select) { return; }
        select.value = profile[k] || "";
        select.addEventListener("change", function () {
          profile[k] = select.value || undefined;
          save(profile);
          apply(profile);
        });
      });
      var all = document.getElementById("pb-show-all");
      if (all) {
        all.checked = !!profile.showAll;
        all.addEventListener("change", function () {
          profile.showAll = all.checked;
          save(profile);
          apply(profile);
        });
      }
    }
    apply(profile);
  }

  window.PBProfile = { load: load, applies: applies };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
