/*
 * planblanc — offline search, 5/5: the interface, the header dropdown and the
 * full search page (recherche/index.html). Loaded after search-analysis.js,
 * search-index.js, search-synonyms.js and search-engine.js, whose
 * window.PBSearch it drives.
 */
(function (global) {
  "use strict";

  var PB = global.PBSearch;
  var query = PB.query;
  var defaultFilters = PB.defaultFilters;
  var localized = PB.localized;
  var siteRoot = PB.siteRoot;
  var GIVEN_TEXT = global.PB_TEXT || {};
  /* The procedures' language where it is not the interface's: results are
     their words (title, sections, text), read out in their language. */
  var CONTENT_LANG = global.PB_CONTENT_LANG || "";

  /* ------------------------------------------------------------------ */
  /* Interface                                                        */
  /* ------------------------------------------------------------------ */

  var TEXT = localized({
    none: "Aucun résultat",
    result: "résultat",
    results: "résultats",
    all: "Tous",
    seeAll: "Voir tous les résultats",
    more: "Plus de résultats",
    partial: "Aucune page ne contient tous les mots\u00a0: pages contenant une partie d'entre eux.",
    unavailable: "Recherche indisponible\u00a0: l'index de recherche est introuvable.",
    prompt: "Saisissez un ou plusieurs mots dans le champ «\u00a0Rechercher\u00a0».",
    filters: "Filtres",
    for: "pour",
    quoteOpen: "«\u00a0",
    quoteClose: "\u00a0»",
    obsolete: "Obsolète"
  }, GIVEN_TEXT.search);
  var DROPDOWN_SIZE = 8;
  var PAGE_SIZE = 20;
  var DEBOUNCE_MS = 120;
  /* The search page's result count is read out once typing pauses this long,
     not at every keystroke. */
  var ANNOUNCE_MS = 700;

  function el(tag, className, text) {
    var node = global.document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  /* Text with <mark> around the ranges, built from text nodes only. */
  /* `text` with its `ranges` in <mark> and its `raised` ranges (an
     ordinal's letters) in <sup>; a run of marked pieces shares one <mark>. */
  function appendMarked(parent, text, ranges, raised) {
    var doc = global.document;
    var within = function (list, a, b) {
      return (list || []).some(function (r) { return r[0] <= a && b <= r[1]; });
    };
    var cuts = [0, text.length];
    (ranges || []).concat(raised || []).forEach(function (r) { cuts.push(r[0], r[1]); });
    cuts.sort(function (a, b) { return a - b; });
    var mark = null;
    for (var i = 0; i + 1 < cuts.length; i++) {
      var a = Math.max(cuts[i], 0), b = Math.min(cuts[i + 1], text.length);
      if (a >= b) continue;
      var piece = doc.createTextNode(text.slice(a, b));
      if (within(raised, a, b)) {
        var sup = el("sup");
        sup.appendChild(piece);
        piece = sup;
      }
      if (!within(ranges, a, b)) {
        mark = null;
        parent.appendChild(piece);
        continue;
      }
      if (!mark) mark = parent.appendChild(el("mark"));
      mark.appendChild(piece);
    }
  }

  function countText(n) {
    return n + " " + (n === 1 ? TEXT.result : TEXT.results);
  }

  function classSafe(code) {
    return String(code || "").replace(/[^A-Za-z0-9_-]/g, "");
  }

  /* One result: title link, badges, breadcrumb, snippet. */
  /* A hit of the search page holds a link to the sheet; a dropdown option is
     itself the link (a control inside an option would be nested interactive). */
  function renderHit(container, hit) {
    var isLink = container.tagName === "A";
    var title = el(isLink ? "span" : "a", "pb-hit-title");
    if (!isLink) title.href = hit.href || "#";
    appendMarked(title, hit.title || hit.id || "", hit.titleRanges, hit.title ? hit.titleRaised : []);
    if (CONTENT_LANG) title.lang = CONTENT_LANG;
    container.appendChild(title);
    var space = function () {
      container.appendChild(global.document.createTextNode(" "));
    };
    if (hit.phaseLabel) {
      space();
      container.appendChild(el("span", "pb-badge pb-phase pb-phase-" + classSafe(hit.phase), hit.phaseLabel));
    }
    if (hit.priority) {
      space();
      container.appendChild(el("span", "pb-badge pb-priority pb-" + classSafe(hit.priority), hit.priority));
    }
    if (hit.obsolete) {
      space();
      container.appendChild(el("span", "pb-badge pb-obsolete", TEXT.obsolete));
    }
    if (hit.breadcrumb && hit.breadcrumb.length) {
      var crumb = el("p", "pb-crumb", hit.breadcrumb.join(" › "));
      if (CONTENT_LANG) crumb.lang = CONTENT_LANG;
      container.appendChild(crumb);
    }
    var s = hit.snippet;
    if (s && (s.heading || s.text)) {
      var p = el("p", "pb-snippet");
      if (CONTENT_LANG) p.lang = CONTENT_LANG;
      if (s.heading) {
        var strong = el("strong", "pb-snippet-heading");
        appendMarked(strong, s.heading, s.headingRanges);
        p.appendChild(strong);
        if (s.text) p.appendChild(global.document.createTextNode(" — "));
      }
      appendMarked(p, s.text, s.ranges);
      container.appendChild(p);
    }
  }

  function searchPageHref(text) {
    return siteRoot() + "recherche/index.html?q=" + encodeURIComponent(text);
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(fn, ms);
    };
  }

  /* --- Header dropdown ---------------------------------------------- */

  /* `status` is the live region: it says how many results there are, and
     only that (the list itself would be read out again at every keystroke). */
  function Dropdown(form, input, box, status) {
    this.form = form;
    this.input = input;
    this.box = box;
    this.status = status;
    this.hits = [];
    this.active = -1;
    this.seq = 0;
    this.dismissed = null;
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", "pb-results-list");
  }

  Dropdown.prototype.run = function () {
    var self = this;
    var text = this.input.value;
    /* Esc closed the results of this text: a search still waiting for the end
       of typing must not open them again. */
    if (text === this.dismissed) return;
    this.dismissed = null;
    var seq = ++this.seq;
    if (text.trim().length < 2) return this.close();
    query(
      text,
      defaultFilters(),
      function (error, result) {
        if (seq === self.seq) self.render(text, error, result);
      },
      { limit: DROPDOWN_SIZE }
    );
  };

  Dropdown.prototype.render = function (text, error, result) {
    var box = this.box;
    /* Results refine while the reader types: the sheet they picked with the
       arrows stays picked when it is still listed. */
    var picked = this.active >= 0 && this.hits[this.active] ? this.hits[this.active].href : null;
    clear(box);
    box.setAttribute("data-query", text);
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    if (error) {
      box.appendChild(el("p", "pb-empty", TEXT.unavailable));
      this.announce(TEXT.unavailable);
      return;
    }
    this.hits = result.hits.slice(0, DROPDOWN_SIZE);
    if (this.hits.length === 0) {
      box.appendChild(el("p", "pb-empty", TEXT.none));
      this.input.setAttribute("aria-expanded", "false");
      this.announce(TEXT.none);
      return;
    }
    this.announce(countText(result.total));
    box.appendChild(el("p", "pb-count", countText(result.total)));
    if (result.mode === "or") box.appendChild(el("p", "pb-partial", TEXT.partial));
    var list = el("div", "pb-list");
    list.id = "pb-results-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", TEXT.results);
    this.hits.forEach(function (hit, i) {
      /* Options are reached with the arrows (aria-activedescendant), not Tab. */
      var item = el("a", "pb-hit");
      item.href = hit.href || "#";
      item.tabIndex = -1;
      item.id = "pb-option-" + i;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      renderHit(item, hit);
      list.appendChild(item);
    });
    box.appendChild(list);
    var all = el("a", "pb-all", TEXT.seeAll + " (" + result.total + ")");
    all.href = searchPageHref(text);
    box.appendChild(all);
    this.input.setAttribute("aria-expanded", "true");
    for (var k = 0; picked && k < this.hits.length; k++) {
      if (this.hits[k].href === picked) this.select(k);
    }
  };

  Dropdown.prototype.announce = function (text) {
    if (this.status && this.status.textContent !== text) this.status.textContent = text;
  };

  Dropdown.prototype.move = function (delta) {
    var options = this.box.querySelectorAll('[role="option"]');
    if (!options.length) return;
    if (this.active >= 0 && options[this.active]) {
      options[this.active].setAttribute("aria-selected", "false");
      options[this.active].classList.remove("pb-active");
    }
    this.select((this.active + delta + options.length + (this.active < 0 && delta < 0 ? 1 : 0)) % options.length);
  };

  Dropdown.prototype.select = function (index) {
    var option = this.box.querySelectorAll('[role="option"]')[index];
    if (!option) return;
    this.active = index;
    option.setAttribute("aria-selected", "true");
    option.classList.add("pb-active");
    this.input.setAttribute("aria-activedescendant", option.id);
    if (option.scrollIntoView) option.scrollIntoView({ block: "nearest" });
  };

  Dropdown.prototype.close = function () {
    this.seq++;
    clear(this.box);
    this.hits = [];
    this.active = -1;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.announce("");
  };

  Dropdown.prototype.onKey = function (event) {
    if (event.key === "ArrowDown" && !this.box.firstChild && this.input.value.trim()) {
      // Closed (Esc, or focus went away and came back): ↓ opens it again.
      event.preventDefault();
      this.dismissed = null;
      this.run();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      this.move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && this.active >= 0 && this.hits[this.active]) {
      event.preventDefault();
      global.location.href = this.hits[this.active].href;
    } else if (event.key === "Escape") {
      if (this.box.firstChild) event.preventDefault();
      this.dismissed = this.input.value;
      this.close();
    }
  };

  function setupDropdown(form, input, box, status) {
    var dropdown = new Dropdown(form, input, box, status);
    input.addEventListener(
      "input",
      debounce(function () {
        dropdown.run();
      }, DEBOUNCE_MS)
    );
    input.addEventListener("keydown", function (e) {
      dropdown.onKey(e);
    });
    global.document.addEventListener("click", function (e) {
      if (!form.contains(e.target)) dropdown.close();
    });
    // Esc from the button or from a link of the list closes it too; a link about
    // to go gives the focus back to the field.
    form.addEventListener("keydown", function (e) {
      if (e.key !== "Escape" || e.target === input || !box.firstChild) return;
      e.preventDefault();
      var inList = box.contains(e.target);
      dropdown.dismissed = input.value;
      dropdown.close();
      if (inList) input.focus();
    });
    // Tab on to the next control: the list must not stay over it.
    form.addEventListener("focusout", function (e) {
      if (e.relatedTarget && !form.contains(e.relatedTarget)) dropdown.close();
    });
  }

  /* --- Search page (recherche/index.html) ---------------------------- */

  function readQueryParam() {
    var search = (global.location && global.location.search) || "";
    var pairs = search.replace(/^\?/, "").split("&");
    for (var i = 0; i < pairs.length; i++) {
      var eq = pairs[i].indexOf("=");
      if (eq > 0 && pairs[i].slice(0, eq) === "q") {
        try {
          return decodeURIComponent(pairs[i].slice(eq + 1).replace(/\+/g, " "));
        } catch (e) {
          return pairs[i].slice(eq + 1);
        }
      }
    }
    return "";
  }

  function SearchPage(container, input) {
    this.input = input;
    this.text = readQueryParam();
    this.filters = defaultFilters();
    this.result = null;
    this.shown = 0;
    this.seq = 0;
    // A heading: screen-reader users jump to the results by it. What it says is
    // announced by a quieter status line, once typing pauses.
    this.summary = el("h2", "pb-sp-summary");
    this.status = el("p", "visually-hidden");
    this.status.setAttribute("role", "status");
    // Each new summary restarts the wait; one of a single letter is not read out.
    var self = this;
    this.sayable = false;
    var say = debounce(function () {
      var text = self.summary.textContent;
      if (self.sayable && self.status.textContent !== text) self.status.textContent = text;
    }, ANNOUNCE_MS);
    this.announce = function (sayable) {
      self.sayable = sayable !== false;
      say();
    };
    this.facetBox = el("form", "pb-facets");
    this.facetBox.setAttribute("aria-label", TEXT.filters);
    this.list = el("ol", "pb-sp-results");
    this.more = el("button", "pb-more", TEXT.more);
    this.more.type = "button";
    this.more.hidden = true;
    var layout = el("div", "pb-sp-layout");
    var main = el("div", "pb-sp-main");
    main.appendChild(this.list);
    main.appendChild(this.more);
    // Results first, filters beside them: the keyboard reaches the first result
    // without going through every filter.
    layout.appendChild(main);
    layout.appendChild(this.facetBox);
    container.appendChild(this.summary);
    container.appendChild(this.status);
    container.appendChild(layout);
    this.more.addEventListener("click", function () {
      self.showMore();
    });
    if (input) input.value = this.text;
  }

  SearchPage.prototype.run = function () {
    var self = this;
    var seq = ++this.seq;
    var text = this.text;
    if (!text.trim()) {
      this.summary.textContent = TEXT.prompt;
      this.announce();
      clear(this.list);
      clear(this.facetBox);
      this.more.hidden = true;
      return;
    }
    query(
      text,
      this.filters,
      function (error, result) {
        if (seq !== self.seq) return;
        if (error) {
          self.summary.textContent = TEXT.unavailable;
          self.announce();
          return;
        }
        self.result = result;
        self.render();
      },
      { limit: PAGE_SIZE }
    );
  };

  SearchPage.prototype.render = function () {
    var r = this.result;
    var quoted = " " + TEXT.for + " " + TEXT.quoteOpen + r.query.trim() + TEXT.quoteClose;
    var summary = (r.total === 0 ? TEXT.none : countText(r.total)) + quoted;
    this.summary.textContent = r.mode === "or" ? summary + ". " + TEXT.partial : summary;
    this.announce(r.query.trim().length >= 2);
    this.renderFacets(r.facets);
    clear(this.list);
    this.shown = 0;
    this.appendHits(r.hits.slice(0, PAGE_SIZE));
  };

  /* Returns the first item added. */
  SearchPage.prototype.appendHits = function (hits) {
    var self = this;
    var first = null;
    hits.forEach(function (hit) {
      var item = el("li", "pb-hit");
      renderHit(item, hit);
      self.list.appendChild(item);
      first = first || item;
    });
    this.shown += hits.length;
    this.more.hidden = this.shown >= this.result.total;
    return first;
  };

  /* The focus goes to the first new result: the reader goes on reading there,
     and the button may hide once every result is shown. */
  SearchPage.prototype.showMore = function () {
    var self = this;
    var result = this.result;
    var from = this.shown;
    PB.details(result, from, from + PAGE_SIZE, function () {
      if (self.result !== result) return;
      var first = self.appendHits(result.hits.slice(from, from + PAGE_SIZE));
      var link = first && first.querySelector("a");
      if (link) link.focus();
    });
  };

  /* One fieldset per facet: "Tous" plus the values present in the results
     (or selected), each with its count. */
  SearchPage.prototype.renderFacets = function (facets) {
    var self = this;
    // The boxes are made anew: the one the reader just ticked gets the focus back.
    var focused = global.document.activeElement;
    var had = focused && this.facetBox.contains(focused) ? { name: focused.name, value: focused.value } : null;
    clear(this.facetBox);
    facets.forEach(function (facet) {
      var values = facet.values.filter(function (v) {
        return v.count > 0 || v.selected;
      });
      if (values.length === 0) return;
      var fieldset = el("fieldset", "pb-facet pb-facet-" + facet.key);
      fieldset.appendChild(el("legend", null, facet.label));
      var anySelected = values.some(function (v) {
        return v.selected;
      });
      fieldset.appendChild(
        self.checkbox(facet.key, "", TEXT.all, !anySelected, function () {
          self.filters[facet.key] = [];
          self.run();
        })
      );
      values.forEach(function (v) {
        var label = v.label + " (" + v.count + ")";
        fieldset.appendChild(
          self.checkbox(facet.key, v.code, label, v.selected, function (checked) {
            self.toggle(facet.key, v.code, checked);
          })
        );
      });
      self.facetBox.appendChild(fieldset);
    });
    if (!had) return;
    var boxes = this.facetBox.querySelectorAll("input");
    var again = null;
    for (var i = 0; i < boxes.length && !again; i++) {
      if (boxes[i].name === had.name && boxes[i].value === had.value) again = boxes[i];
    }
    // Its value is no longer offered: the facet's "Tous", else the first box.
    for (var k = 0; k < boxes.length && !again; k++) {
      if (boxes[k].name === had.name && boxes[k].value === "") again = boxes[k];
    }
    again = again || boxes[0];
    if (again) again.focus();
  };

  SearchPage.prototype.checkbox = function (key, code, text, checked, onChange) {
    var label = el("label", "pb-facet-value");
    var box = el("input");
    box.type = "checkbox";
    box.name = key;
    box.value = code;
    box.checked = checked;
    box.addEventListener("change", function () {
      onChange(box.checked);
    });
    label.appendChild(box);
    label.appendChild(global.document.createTextNode(" " + text));
    return label;
  };

  SearchPage.prototype.toggle = function (key, code, checked) {
    var codes = (this.filters[key] || []).filter(function (c) {
      return c !== code;
    });
    if (checked) codes.push(code);
    this.filters[key] = codes;
    this.run();
  };

  SearchPage.prototype.setText = function (text) {
    this.text = text;
    try {
      global.history.replaceState(null, "", "?q=" + encodeURIComponent(text));
    } catch (e) {
      // Some browsers refuse history changes on file:// pages.
    }
    this.run();
  };

  function setupSearchPage(container, form, input) {
    var page = new SearchPage(container, input);
    page.run();
    if (!form || !input) return;
    // On this page the header field drives the full results directly.
    var rerun = debounce(function () {
      page.setText(input.value);
    }, DEBOUNCE_MS);
    input.addEventListener("input", rerun);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      page.setText(input.value);
    });
  }

  /* --- Wiring --------------------------------------------------------- */

  /* No one-key shortcut to the search field: a character key that acts anywhere
     on the page fires by mistake under speech input (WCAG 2.1.4). */

  function init() {
    var doc = global.document;
    var input = doc.getElementById("pb-q");
    var form = input && input.form;
    var box = doc.getElementById("pb-results");
    var page = doc.getElementById("pb-search-page");
    if (page) setupSearchPage(page, form, input);
    else if (form && input && box) setupDropdown(form, input, box, doc.getElementById("pb-status"));
  }

  var document = global.document;
  if (document && typeof document.getElementById === "function") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }
})(typeof window !== "undefined" ? window : this);
