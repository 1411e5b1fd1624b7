/* Profile picker ("Mon établissement"): remembers the reader's region and
   establishment type in localStorage and marks listing items that do not apply.
   Plain script, works from file://; without it every page shows everything. */
(function () {
  "use strict";
  var KEY = "planblanc.profile";

  function load() {
    var profile;
    try { profile = JSON.parse(window.localStorage.getItem(KEY) || "{}"); } catch (e) { profile = null; }
    return profile && typeof profile === "object" && !Array.isArray(profile) ? profile : {};
  }
  function save(profile) {
    try { window.localStorage.setItem(KEY, JSON.stringify(profile)); } catch (e) { /* storage may be off on file:// */ }
  }
  function applies(list, code) {
    if (!code || !list) { return true; }
    var codes = list.split(" ");
    return codes.indexOf("*") >= 0 || codes.indexOf(code) >= 0;
  }
  /* A national sheet is replaced where one of its variants applies:
     data-variants="regions|types;…" with comma-separated codes. */
  function replaced(attr, profile) {
    if (!attr || !(profile.region || profile.type)) { return false; }
    return attr.split(";").some(function (scope) {
      var parts = scope.split("|");
      return applies(parts[0].replace(/,/g, " "), profile.region) &&
             applies((parts[1] || "*").replace(/,/g, " "), profile.type);
    });
  }
  /* `announce`: the reader changed the profile, and a screen reader is told how
     many of the page's sheets apply (the others were hidden or greyed out). */
  function apply(profile, announce) {
    var items = document.querySelectorAll(".proc[data-regions]");
    var box = document.getElementById("pb-profile");
    var applying = 0;
    for (var i = 0; i < items.length; i++) {
      var el = items[i];
      var ok = applies(el.getAttribute("data-regions"), profile.region) &&
               applies(el.getAttribute("data-types"), profile.type) &&
               !replaced(el.getAttribute("data-variants"), profile);
      el.classList.toggle("not-applicable", !ok);
      markNotApplicable(el, !ok, box);
      if (ok) { applying++; }
    }
    var status = document.getElementById("pb-profile-status");
    // A theme's own picker may lack the words (an older profile.html): say nothing.
    var said = box && box.getAttribute("data-status");
    if (announce && status && said && items.length) {
      status.textContent = said.replace("{n}", applying).replace("{total}", items.length);
    }
    showVariant(profile);
    var label = document.getElementById("pb-profile-label");
    if (label) {
      var parts = [];
      var lang = "";
      ["region", "type"].forEach(function (k) {
        var select = document.getElementById("pb-" + k);
        if (select && profile[k] && select.selectedIndex >= 0) {
          var option = select.options[select.selectedIndex];
          parts.push(option.text);
          lang = option.lang || lang;
        }
      });
      label.textContent = parts.length ? parts.join(" · ") : label.getAttribute("data-unset");
      // The labels are the author's words, read in their language; "not set" is the interface's.
      if (parts.length && lang) { label.lang = lang; } else { label.removeAttribute("lang"); }
    }
    var only = !!(profile.region || profile.type) && !profile.showAll;
    document.documentElement.classList.toggle("profile-only", only);
    recount(only);
  }

  /* Grey italics say it to the eye; the item's link says it to a screen reader. */
  function markNotApplicable(item, not, box) {
    var link = item.querySelector("a");
    var words = box && box.getAttribute("data-not-applicable");
    if (!link || !words) { return; }
    var note = link.querySelector(".pb-na");
    if (not && !note) {
      note = document.createElement("span");
      note.className = "pb-na visually-hidden";
      note.textContent = " (" + words + ")";
      link.appendChild(note);
    } else if (!not && note) {
      link.removeChild(note);
    }
  }

  /* A phase's count follows what the profile shows, when its list is complete
     (a list cut short on the home page keeps its total). */
  function recount(only) {
    var counts = document.querySelectorAll(".count[data-total]");
    for (var i = 0; i < counts.length; i++) {
      var c = counts[i];
      var section = c.closest("section");
      var items = section ? section.querySelectorAll(".proc-list > .proc") : [];
      var total = Number(c.getAttribute("data-total"));
      if (items.length !== total) continue;
      var n = total;
      if (only) {
        n = 0;
        for (var k = 0; k < items.length; k++) if (!items[k].classList.contains("not-applicable")) n++;
      }
      var one = n === 1 || (n === 0 && c.getAttribute("data-zero-one") === "true");
      c.textContent = n + "\u00a0" + c.getAttribute(one ? "data-one" : "data-many");
    }
  }

  /* On a national sheet, point to the variant that applies to the reader. */
  function showVariant(profile) {
    var notice = document.getElementById("pb-variant-notice");
    if (!notice) { return; }
    var match = null;
    var variants = document.querySelectorAll(".variant[data-variant-regions]");
    for (var i = 0; i < variants.length && !match; i++) {
      var v = variants[i];
      if ((profile.region || profile.type) &&
          applies(v.getAttribute("data-variant-regions"), profile.region) &&
          applies(v.getAttribute("data-variant-types"), profile.type)) { match = v; }
    }
    var slot = notice.querySelector("span");
    slot.textContent = "";
    if (match) { slot.appendChild(match.querySelector("a").cloneNode(true)); }
    notice.hidden = !match;
  }

  /* Editions index: open the chosen edition (a static page, so build its path). */
  function initEditionForm(profile) {
    var form = document.getElementById("pb-edition-form");
    if (!form) { return; }
    form.hidden = false;
    var region = document.getElementById("pb-ed-region");
    var type = document.getElementById("pb-ed-type");
    if (profile.region) { region.value = profile.region; }
    if (profile.type) { type.value = profile.type; }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var root = document.body.getAttribute("data-root") || "";
      window.location.href = root + "editions/" + region.value + "/" + type.value + "/index.html";
    });
  }

  /* A version switcher link to a procedure missing in that version lands on its
     home with ?absent=<id>: say so. */
  function showAbsent() {
    var match = /[?&]absent=([^&#]*)/.exec(window.location.search);
    var box = document.getElementById("pb-absent");
    if (!match || !box) { return; }
    var id;
    try { id = decodeURIComponent(match[1]); } catch (e) { id = match[1]; }
    box.querySelector("span").textContent = id;
    box.hidden = false;
  }

  /* The picker's markup is the same on every page: it ships once, in
     assets/site-data.js, rather than in each page. */
  function insertPicker() {
    var slot = document.getElementById("pb-profile-slot");
    if (slot && typeof window.PB_PROFILE_HTML === "string") {
      slot.outerHTML = window.PB_PROFILE_HTML;
    }
  }

  /* A code this site does not list (saved by another handbook or version on the
     same disk: file:// pages share their storage) is ignored here, not erased. */
  function known(profile) {
    ["region", "type"].forEach(function (k) {
      var select = document.getElementById("pb-" + k);
      if (!select || typeof profile[k] !== "string") { delete profile[k]; return; }
      var found = false;
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === profile[k]) { found = true; }
      }
      if (!found) { delete profile[k]; }
    });
    return profile;
  }

  /* Paper cannot be unfolded: the sheet's folded parts print open, and fold
     back after. */
  function printUnfolded() {
    var opened = [];
    window.addEventListener("beforeprint", function () {
      var folded = document.querySelectorAll(".content details:not([open])");
      for (var i = 0; i < folded.length; i++) { folded[i].open = true; opened.push(folded[i]); }
    });
    window.addEventListener("afterprint", function () {
      while (opened.length) { opened.pop().open = false; }
    });
  }

  /* Esc closes the header's open menus (versions, my facility) from inside them
     and gives the focus back to their summary. */
  function closeOnEscape() {
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape") { return; }
      var open = document.querySelectorAll(".site-header details[open]");
      for (var i = 0; i < open.length; i++) {
        if (open[i].contains(document.activeElement)) {
          open[i].open = false;
          open[i].querySelector("summary").focus();
        }
      }
    });
  }

  /* A table or code block whose content fits is no keyboard stop: the page marks
     each one that may scroll with tabindex="0", and this keeps it only on those
     that do, at the window's present width. */
  function scrollStops() {
    var boxes = document.querySelectorAll(".table-scroll[tabindex], pre.code[tabindex]");
    for (var i = 0; i < boxes.length; i++) {
      var b = boxes[i];
      var scrolls = b.scrollWidth > b.clientWidth + 1 || b.scrollHeight > b.clientHeight + 1;
      b.tabIndex = scrolls ? 0 : -1;
    }
  }

  function init() {
    printUnfolded();
    closeOnEscape();
    scrollStops();
    var pending = null;
    var later = function () {
      if (pending) { clearTimeout(pending); }
      pending = setTimeout(scrollStops, 150);
    };
    window.addEventListener("resize", later);
    // A reader's own styles (text spacing, a larger font) resize the page and the
    // tables, not the window.
    if (window.ResizeObserver) {
      var watch = new ResizeObserver(later);
      watch.observe(document.body);
      document.querySelectorAll(".table-scroll[tabindex] > table").forEach(function (t) { watch.observe(t); });
    }
    // A folded part measures nothing until it opens; images change the layout.
    document.addEventListener("toggle", scrollStops, true);
    window.addEventListener("load", scrollStops);
    showAbsent();
    insertPicker();
    var box = document.getElementById("pb-profile");
    var profile = known(load());
    if (box) {
      box.hidden = false;
      ["region", "type"].forEach(function (k) {
        var select = document.getElementById("pb-" + k);
        if (!select) { return; }
        select.value = profile[k] || "";
        select.addEventListener("change", function () {
          profile[k] = select.value || undefined;
          save(profile);
          apply(profile, true);
        });
      });
      var all = document.getElementById("pb-show-all");
      if (all) {
        all.checked = !!profile.showAll;
        all.addEventListener("change", function () {
          profile.showAll = all.checked;
          save(profile);
          apply(profile, true);
        });
      }
    }
    apply(profile);
    initEditionForm(profile);
  }

  window.PBProfile = { load: load, applies: applies };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
