/*
 * planblanc — offline search, 2/5: reading the index (chunks, postings,
 * lexicons, facets, and the page records results show).
 *
 * Works opened from disk (file://): the index is a set of plain scripts
 * under {root}search/ that call window.PB_SEARCH_LOAD(name, data); this file
 * inserts <script> elements on demand and waits for those calls. No fetch,
 * no network request of any kind, no modules, no workers.
 *
 * Sections: codec (twin of src/search/codec.rs), loader, and the index's
 * parts (meta, term chunks, postings, lexicons; formats in layout.rs).
 */
(function (global) {
  "use strict";

  var PB = (global.PBSearch = global.PBSearch || {});
  var index = (PB.index = { meta: null });


  /* ------------------------------------------------------------------ */
  /* 1. Codec (twin of codec.rs)                                         */
  /* ------------------------------------------------------------------ */

  var TERMINAL = 45;
  var CONTINUATION = 46;
  var RADIX = 91;

  function digitAt(s, i) {
    var code = s.charCodeAt(i);
    return code > 0x5c ? code - 0x24 : code - 0x23;
  }

  /* Sequential reader of varints and raw digits in a string. */
  function Reader(s) {
    this.s = s;
    this.i = 0;
  }
  Reader.prototype.more = function () {
    return this.i < this.s.length;
  };
  Reader.prototype.digit = function () {
    return digitAt(this.s, this.i++);
  };
  Reader.prototype.varint = function () {
    var value = 0;
    var mult = 1;
    for (;;) {
      var d = digitAt(this.s, this.i++);
      value += d * mult;
      if (d < TERMINAL || this.i >= this.s.length) return value;
      mult *= CONTINUATION;
    }
  };

  /* ------------------------------------------------------------------ */
  /* 2. Loader                                                           */
  /* ------------------------------------------------------------------ */

  var store = Object.create(null); // name -> data (null when missing)
  var waiting = Object.create(null); // name -> [callback]

  global.PB_SEARCH_LOAD = function (name, data) {
    store[name] = data;
    settle(name, null);
  };

  function settle(name, error) {
    var callbacks = waiting[name];
    if (!callbacks) return;
    delete waiting[name];
    if (error) store[name] = null;
    callbacks.forEach(function (cb) {
      cb(error, store[name]);
    });
  }

  function siteRoot() {
    if (typeof PB.root === "string") return PB.root;
    var body = global.document && global.document.body;
    var root = body && body.dataset ? body.dataset.root : "";
    return root || "";
  }

  /* Load search/{name}.js once; cb(error, data). */
  function load(name, cb) {
    if (name in store) return cb(store[name] === null ? new Error(name) : null, store[name]);
    if (waiting[name]) return void waiting[name].push(cb);
    waiting[name] = [cb];
    var doc = global.document;
    var script = doc.createElement("script");
    script.src = siteRoot() + "search/" + name + ".js";
    script.async = true;
    script.onerror = function () {
      settle(name, new Error("index file missing: " + name));
    };
    // A file that loads without calling PB_SEARCH_LOAD is broken: unblock.
    script.onload = function () {
      settle(name, new Error("index file did not register: " + name));
    };
    (doc.head || doc.documentElement || doc.body).appendChild(script);
  }

  /* Load every name (missing files are tolerated); cb() when all settled. */
  function loadAll(names, cb) {
    var pending = names.length;
    if (pending === 0) return cb();
    names.forEach(function (name) {
      load(name, function () {
        if (--pending === 0) cb();
      });
    });
  }

  function loaded(name) {
    return name in store;
  }

  /* ------------------------------------------------------------------ */
  /* 3. Index                                                            */
  /* ------------------------------------------------------------------ */

  var FORMAT_VERSION = 1;


  function withMeta(cb) {
    if (PB.unsupported) return cb(new Error("browser lacks Unicode regular expressions"));
    if (index.meta) return cb(null);
    load("meta", function (error, raw) {
      if (error || !raw) return cb(error || new Error("meta"));
      if (raw.v !== FORMAT_VERSION) return cb(new Error("index format " + raw.v));
      if (!index.meta) index.meta = prepareMeta(raw);
      cb(null);
    });
  }

  function prepareMeta(raw) {
    var facets = raw.f.map(function (f) {
      return { key: f.k, values: f.v, sets: f.s, docSet: readVarints(f.d, raw.n) };
    });
    var lex = Object.create(null);
    raw.lx.forEach(function (hex) {
      lex[hex] = true;
    });
    return {
      n: raw.n, bounds: raw.t, pages: pageTable(raw.pc, raw.n), lex: lex, facets: facets,
      synonyms: raw.s || [], variants: raw.r || [], obsolete: flags(raw.o || [], raw.n)
    };
  }

  function flags(docs, n) {
    var out = new Uint8Array(n);
    docs.forEach(function (doc) {
      if (doc >= 0 && doc < n) out[doc] = 1;
    });
    return out;
  }

  function readVarints(code, count) {
    var out = new Int32Array(count);
    var r = new Reader(code);
    for (var i = 0; i < count && r.more(); i++) out[i] = r.varint();
    return out;
  }

  /* Page chunks hold consecutive docs: per doc its chunk and its position. */
  function pageTable(code, n) {
    var chunk = new Int32Array(n);
    var offset = new Int32Array(n);
    var r = new Reader(code);
    var doc = 0;
    for (var c = 0; r.more() && doc < n; c++) {
      var size = r.varint();
      for (var k = 0; k < size && doc < n; k++, doc++) {
        chunk[doc] = c;
        offset[doc] = k;
      }
    }
    return { chunk: chunk, offset: offset };
  }

  /* Index of the term chunk that would hold `term`, or -1. */
  function chunkIndex(term) {
    var lo = 0;
    var hi = index.meta.bounds.length - 1;
    var found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (index.meta.bounds[mid] <= term) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  function chunkName(index) {
    return "t/" + index;
  }

  /* Chunk indexes that may hold terms starting with `prefix`. */
  function prefixChunks(prefix) {
    var last = chunkIndex(prefix + "\uffff");
    var out = [];
    for (var i = Math.max(0, chunkIndex(prefix)); i <= last; i++) out.push(i);
    return out;
  }

  function findEntry(term) {
    var index = chunkIndex(term);
    var chunk = index < 0 ? null : store[chunkName(index)];
    if (!chunk) return null;
    var lo = 0;
    var hi = chunk.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      var key = chunk[mid][0];
      if (key === term) return chunk[mid];
      if (key < term) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  /* Postings of an entry: parallel arrays docs / impacts / sections (-1 when
     unknown). Three encodings, see layout.rs: sparse with sections, sparse
     without (" " prefix), dense ("!" prefix, two docs per digit). */
  function postings(entry) {
    if (entry.decoded) return entry.decoded;
    var code = entry[1];
    var out = { docs: [], impacts: [], sections: [] };
    if (code.charAt(0) === "!") decodeDense(code, out);
    else decodeSparse(code, out);
    entry.decoded = out;
    return out;
  }

  function decodeSparse(code, out) {
    var withSections = code.charAt(0) !== " ";
    var r = new Reader(withSections ? code : code.slice(1));
    var doc = -1;
    while (r.more()) {
      var head = r.varint();
      var flagged = withSections && head % 2 === 1;
      doc += (withSections ? Math.floor(head / 2) : head) + 1;
      out.docs.push(doc);
      out.impacts.push(r.digit());
      out.sections.push(flagged ? r.varint() : -1);
    }
  }

  var DENSE_LEVELS = 9;

  function decodeDense(code, out) {
    for (var i = 1; i < code.length; i++) {
      var d = digitAt(code, i);
      pushDense(out, 2 * (i - 1), Math.floor(d / DENSE_LEVELS));
      pushDense(out, 2 * (i - 1) + 1, d % DENSE_LEVELS);
    }
  }

  /* Dense level 1..8 back to the middle of its impact-digit range. */
  function pushDense(out, doc, level) {
    if (level === 0) return;
    out.docs.push(doc);
    out.impacts.push(Math.round(1 + ((level - 0.5) * (RADIX - 1)) / (DENSE_LEVELS - 1)));
    out.sections.push(-1);
  }

  /* Membership flags (per posting index) of an accent variant, or null. */
  function variantMembers(entry, exact) {
    for (var i = 2; i + 1 < entry.length; i += 2) {
      if (entry[i] !== exact) continue;
      var code = entry[i + 1];
      var complement = code.charAt(0) === "!";
      var total = postings(entry).docs.length;
      var flags = new Uint8Array(total);
      if (complement) flags.fill(1);
      var r = new Reader(complement ? code.slice(1) : code);
      var index = -1;
      while (r.more()) {
        index += r.varint() + 1;
        if (index < total) flags[index] = complement ? 0 : 1;
      }
      return flags;
    }
    return null;
  }

  function lexName(term) {
    var hex = term.codePointAt(0).toString(16);
    return index.meta.lex[hex] ? "l/" + hex : null;
  }

  function lexicon(name) {
    var raw = store[name];
    if (!raw) return { terms: [], dfs: [] };
    if (!raw.decoded) {
      var dfs = [];
      var r = new Reader(raw[1]);
      while (r.more()) dfs.push(r.varint());
      raw.decoded = { terms: raw[0] ? raw[0].split(" ") : [], dfs: dfs };
    }
    return raw.decoded;
  }
  /* --- Facets ------------------------------------------------------- */

  function facetByKey(key) {
    for (var i = 0; i < index.meta.facets.length; i++) if (index.meta.facets[i].key === key) return index.meta.facets[i];
    return null;
  }

  function valueIndex(key, code) {
    var facet = facetByKey(key);
    if (!facet) return -1;
    for (var i = 0; i < facet.values.length; i++) if (facet.values[i][0] === code) return i;
    return -1;
  }

  /* Whether doc's value set contains value v ("*" contains everything). */
  function facetHas(facet, doc, v) {
    var set = facet.sets[facet.docSet[doc]];
    return set.length > 0 && (set[0] === -1 || set.indexOf(v) >= 0);
  }

  /* filters {key: [codes]} → per facet null (no filter) or {valueIndex}.
     Unknown codes are ignored rather than filtering everything out. */
  function selectionOf(filters) {
    return index.meta.facets.map(function (facet) {
      var codes = (filters && filters[facet.key]) || [];
      var selected = null;
      codes.forEach(function (code) {
        var v = valueIndex(facet.key, code);
        if (v < 0) return;
        selected = selected || Object.create(null);
        selected[v] = true;
      });
      return selected;
    });
  }

  /* With a region or a type chosen (the reader's profile), a national sheet
     whose variant applies there is not theirs: listings hide it, and so does
     search. A facet left unchosen stands for any value, as in listings. */
  function withoutReplaced(kept, selection) {
    var chosen = ["region", "type"].map(facetPosition).filter(function (f) {
      return f >= 0 && selection[f];
    });
    if (chosen.length === 0) return kept;
    var replaced = Object.create(null);
    index.meta.variants.forEach(function (pair) {
      var applies = chosen.every(function (f) {
        return docPasses(index.meta.facets[f], pair[0], selection[f]);
      });
      if (applies) replaced[pair[1]] = true;
    });
    return kept.filter(function (doc) {
      return !replaced[doc];
    });
  }

  function facetPosition(key) {
    for (var i = 0; i < index.meta.facets.length; i++) if (index.meta.facets[i].key === key) return i;
    return -1;
  }

  function docPasses(facet, doc, selected) {
    var set = facet.sets[facet.docSet[doc]];
    if (set.length > 0 && set[0] === -1) return true;
    for (var i = 0; i < set.length; i++) if (selected[set[i]]) return true;
    return false;
  }

  /* Filter candidates and count values per facet, labelled with `labels`. Counts are disjunctive:
     a facet's counts ignore that facet's own selection, so ticking a
     second region shows how many results it would add. */
  function applyFacets(candidates, selection, labels) {
    var facets = index.meta.facets;
    var counts = facets.map(function (f) {
      return new Array(f.values.length).fill(0);
    });
    var kept = [];
    for (var c = 0; c < candidates.length; c++) {
      var doc = candidates[c];
      var failures = 0;
      var failed = -1;
      for (var fi = 0; fi < facets.length; fi++) {
        if (selection[fi] && !docPasses(facets[fi], doc, selection[fi])) {
          failures++;
          failed = fi;
        }
      }
      if (failures === 0) kept.push(doc);
      if (failures > 1) continue;
      for (fi = 0; fi < facets.length; fi++) {
        if (failures === 0 || failed === fi) countValues(facets[fi], doc, counts[fi]);
      }
    }
    return {
      kept: kept,
      facets: facets.map(function (facet, fi) {
        return {
          key: facet.key,
          label: labels[facet.key] || facet.key,
          values: facet.values.map(function (v, vi) {
            return {
              code: v[0],
              label: v[1],
              count: counts[fi][vi],
              selected: !!(selection[fi] && selection[fi][vi])
            };
          })
        };
      })
    };
  }

  function countValues(facet, doc, counts) {
    var set = facet.sets[facet.docSet[doc]];
    if (set.length > 0 && set[0] === -1) {
      for (var i = 0; i < counts.length; i++) counts[i]++;
      return;
    }
    set.forEach(function (v) {
      counts[v]++;
    });
  }

  /* --- Page records: what a result shows --------------------------- */

  /* Load page chunks for hits and attach display fields: id, title, url,
     href (url#anchor from the site root), breadcrumb, phase, phaseLabel,
     priority, obsolete, snippet {heading, text, ranges, headingRanges}, titleRanges,
     titleRaised. */
  function details(hits, terms, cb) {
    var pageName = function (doc) {
      return "p/" + index.meta.pages.chunk[doc];
    };
    var names = Object.create(null);
    hits.forEach(function (h) {
      names[pageName(h.doc)] = true;
    });
    loadAll(Object.keys(names), function () {
      hits.forEach(function (hit) {
        var chunk = store[pageName(hit.doc)];
        var record = chunk && chunk[index.meta.pages.offset[hit.doc]];
        if (record) describe(hit, record, terms);
      });
      cb();
    });
  }

  var RECORD = { id: 0, title: 1, url: 2, breadcrumb: 3, phase: 4, priority: 5, summary: 6, trigger: 7, sections: 8, obsolete: 9, raised: 10 };

  function describe(hit, record, terms) {
    var sections = record[RECORD.sections];
    var titleRanges = highlightRanges(record[RECORD.title], terms);
    // A title that matches opens the sheet at its top (marking, trigger, first
    // gestures), not at the section where the word is most frequent.
    var section = titleRanges.length > 0 ? -1
      : hit.section >= 0 ? hit.section : headingSection(sections, terms);
    var anchor = section >= 0 && section * 3 < sections.length ? sections[section * 3] : "";
    var phase = valueIndex("phase", record[RECORD.phase]);
    hit.id = record[RECORD.id];
    hit.title = record[RECORD.title];
    hit.url = record[RECORD.url];
    // Page URLs are site-relative paths; never follow a script URL.
    var safeUrl = /^\s*(javascript|data|vbscript):/i.test(hit.url) ? "#" : hit.url;
    hit.href = siteRoot() + safeUrl + (anchor ? "#" + anchor : "");
    hit.breadcrumb = record[RECORD.breadcrumb];
    hit.phase = record[RECORD.phase];
    hit.phaseLabel = phase >= 0 ? facetByKey("phase").values[phase][1] : hit.phase;
    hit.priority = record[RECORD.priority];
    hit.obsolete = record[RECORD.obsolete] === 1;
    hit.snippet = snippet(record, section);
    hit.snippet.ranges = highlightRanges(hit.snippet.text, terms);
    hit.snippet.headingRanges = highlightRanges(hit.snippet.heading, terms);
    hit.titleRanges = titleRanges;
    // A French ordinal's letters (2e), raised as on the sheet itself.
    hit.titleRaised = record[RECORD.raised] || [];
  }

  /* Without a section from the postings (frequent words), the first
     section whose heading holds a query word. */
  function headingSection(sections, terms) {
    for (var i = 0; i * 3 + 1 < sections.length; i++) {
      if (highlightRanges(sections[i * 3 + 1], terms).length > 0) return i;
    }
    return -1;
  }

  /* The matched section's heading and lead (or the summary when the lead
     was not kept); the summary when the match is in title, id or summary. */
  function snippet(record, section) {
    var sections = record[RECORD.sections];
    var summary = record[RECORD.summary] || record[RECORD.trigger];
    // A section whose lead was not kept shows its heading alone: the page's
    // summary beside it would read as a quote from that section.
    if (section >= 0 && section * 3 + 2 < sections.length) {
      return { heading: sections[section * 3 + 1], text: sections[section * 3 + 2] || "" };
    }
    return { heading: "", text: summary || (sections.length > 2 ? sections[2] : "") };
  }

  function highlightRanges(text, terms) {
    return PB.analyze(text || "")
      .filter(function (t) {
        return terms[t.term] === true;
      })
      .map(function (t) {
        return [t.start, t.end];
      });
  }

  index.data = function (name) {
    return store[name];
  };
  index.RADIX = RADIX;
  index.chunkIndex = chunkIndex;
  index.chunkName = chunkName;
  index.loaded = loaded;
  index.prefixChunks = prefixChunks;
  index.findEntry = findEntry;
  index.postings = postings;
  index.variantMembers = variantMembers;
  index.lexName = lexName;
  index.lexicon = lexicon;
  index.loadAll = loadAll;
  index.withMeta = withMeta;
  index.siteRoot = siteRoot;
  index.facets = {
    byKey: facetByKey,
    valueIndex: valueIndex,
    has: facetHas,
    selectionOf: selectionOf,
    withoutReplaced: withoutReplaced,
    apply: applyFacets
  };
  index.details = details;
})(typeof window !== "undefined" ? window : this);
