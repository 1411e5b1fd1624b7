/*
 * planblanc — offline search, 4/5: the engine (query parsing and planning,
 * scoring; facets and result details come from search-index.js). DOM-free, so Node drives it through
 * window.PBSearch.query() in the tests.
 */
(function (global) {
  "use strict";

  var PB = (global.PBSearch = global.PBSearch || {});
  var index = PB.index;
  var RADIX = index.RADIX;
  var chunkIndex = index.chunkIndex;
  var chunkName = index.chunkName;
  var loaded = index.loaded;
  var prefixChunks = index.prefixChunks;
  var findEntry = index.findEntry;
  var postings = index.postings;
  var variantMembers = index.variantMembers;
  var lexName = index.lexName;
  var lexicon = index.lexicon;
  var loadAll = index.loadAll;
  var withMeta = index.withMeta;
  var siteRoot = index.siteRoot;
  var facets = index.facets;
  var analyze = PB.analyze;
  var codePointCount = PB.codePointCount;
  // A theme whose base.html predates search-synonyms.js searches without them.
  var synonyms = PB.synonyms || {
    apply: function (words) {
      return words;
    },
    expansions: function () {
      return [];
    }
  };
  var applySynonyms = synonyms.apply;
  var memberExpansions = synonyms.expansions;
  var SYNONYM_WEIGHT = synonyms.WEIGHT;

  /* ------------------------------------------------------------------ */
  /* 3. Engine                                                           */
  /* ------------------------------------------------------------------ */

  var IMPACT_MAX = 48;
  var IMPACT = [];
  for (var q = 0; q < RADIX; q++) IMPACT.push(Math.exp((q / (RADIX - 1)) * Math.log(1 + IMPACT_MAX)) - 1);

  // Expansion weights relative to the word as typed.
  var PREFIX_WEIGHT = 0.8;
  var TRUNCATION_WEIGHT = 0.7;
  var TYPO_WEIGHT = 0.6;
  // Same word with the same accents as typed.
  var EXACT_BOOST = 1.3;
  var MIN_PREFIX_CHARS = 3;
  var MIN_TYPO_CHARS = 5;
  var MAX_PREFIX_CHUNKS = 3;
  var MAX_EXPANSIONS = 30;
  var MAX_TYPO_CANDIDATES = 10;
  var MAX_PLAN_PASSES = 8;

  /* Words of the interface: these French defaults, or the handbook's language
     when the build gave them (window.PB_TEXT, in assets/site-data.js). */
  function localized(defaults, given) {
    var out = {};
    for (var k in defaults) {
      out[k] = given && typeof given[k] === "string" ? given[k] : defaults[k];
    }
    return out;
  }
  var GIVEN_TEXT = global.PB_TEXT || {};

  var FACET_LABELS = localized({
    region: "Région",
    type: "Type d'établissement",
    role: "Rôle",
    phase: "Phase",
    priority: "Priorité"
  }, GIVEN_TEXT.facets);

  /* --- Query parsing ------------------------------------------------ */

  /* Query words: {term, exact, folded, phrase, prefix}. Quoted words form
     a phrase (AND, no expansion); the last word is a prefix while it is
     still being typed (the query does not end with a space). */
  function parseQuery(text) {
    var words = [];
    var parts = text.split('"');
    var offset = 0;
    parts.forEach(function (part, i) {
      var phrase = i % 2 === 1 && i < parts.length - 1;
      analyze(part).forEach(function (t) {
        words.push({
          term: t.term,
          exact: t.exact,
          folded: t.folded,
          phrase: phrase,
          prefix: false,
          start: offset + t.start,
          end: offset + t.end
        });
      });
      offset += part.length + 1;
    });
    var last = words[words.length - 1];
    if (last && !last.phrase && last.end === text.length) last.prefix = true;
    words = joinQuantities(joinCompounds(text, words));
    var seen = Object.create(null);
    return words.filter(function (w) {
      var key = w.term + (w.prefix ? "*" : "");
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    });
  }

  /* "cyber-attaque" is one query word that matches both its parts (where both
     are) and the joined "cyberattaque", which the index also holds for every
     hyphenated pair. A pair still being typed stays two words. */
  function joinCompounds(text, words) {
    var out = [];
    for (var i = 0; i < words.length; i++) {
      var a = words[i];
      var b = words[i + 1];
      var hyphen = b && !a.phrase && !b.phrase && !b.prefix && b.start === a.end + 1 && text.charAt(a.end) === "-";
      var joined = hyphen ? analyze(text.slice(a.start, a.end) + text.slice(b.start, b.end)) : [];
      if (joined.length !== 1) {
        out.push(a);
        continue;
      }
      var terms = [a.term, b.term];
      out.push({
        term: terms.join(" "), exact: null, folded: terms.join(" "), phrase: false, prefix: false,
        start: a.start, end: b.end, terms: terms, synonyms: joinedMembers(joined[0].term)
      });
      i++;
    }
    return out;
  }

  /* "72h" and "72 heures" find each other: a number glued to a unit also
     matches the number and the unit's word where both are, and a number
     followed by a unit's word also matches them glued. */
  var UNITS = { h: "heures", min: "minutes", mn: "minutes", j: "jours" };
  function unitTerm(word) {
    var analyzed = analyze(word);
    return analyzed.length === 1 ? analyzed[0].term : null;
  }
  function joinQuantities(words) {
    var out = [];
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      var glued = !w.terms && /^(\d+)(h|min|mn|j)$/.exec(w.term);
      var unit = glued && unitTerm(UNITS[glued[2]]);
      if (unit) {
        w.synonyms = (w.synonyms || []).concat([[glued[1], unit]]);
        out.push(w);
        continue;
      }
      var next = words[i + 1];
      // "72 heures" (the unit's word) or "15 min" (its abbreviation).
      var apart = next && !w.terms && !next.terms && !next.prefix && /^\d+$/.test(w.term) &&
        Object.keys(UNITS).filter(function (u) {
          return next.term === u || unitTerm(UNITS[u]) === next.term;
        });
      if (apart && apart.length) {
        var terms = [w.term, next.term];
        var members = [];
        apart.forEach(function (u) {
          members.push([w.term + u]);
          if (next.term === u) members.push([w.term, unitTerm(UNITS[u])]);
        });
        out.push({
          term: terms.join(" "), exact: null, folded: terms.join(" "), phrase: false, prefix: false,
          start: w.start, end: next.end, terms: terms, synonyms: members
        });
        i++;
        continue;
      }
      out.push(w);
    }
    return out;
  }

  /* The joined word, and the other members of its synonym groups ("e-mail" is
     "email", whose group holds "courriel"). */
  function joinedMembers(term) {
    var members = [[term]];
    ((index.meta && index.meta.synonyms) || []).forEach(function (group) {
      var own = group.some(function (m) {
        return m.length === 1 && m[0] === term;
      });
      if (own) {
        group.forEach(function (m) {
          if (m.length !== 1 || m[0] !== term) members.push(m);
        });
      }
    });
    return members;
  }

  /* --- Query planning: which files a word needs, then its expansions -- */

  function needChunk(term, need) {
    var index = chunkIndex(term);
    if (index >= 0 && !loaded(chunkName(index))) need.push(chunkName(index));
  }

  function needAll(names, need) {
    names.forEach(function (name) {
      if (name && !loaded(name)) need.push(name);
    });
  }

  /* Terms starting with one of `prefixes`, most frequent first. */
  function prefixCandidates(prefixes, need) {
    var found = Object.create(null);
    prefixes.forEach(function (prefix) {
      var chunks = prefixChunks(prefix);
      if (chunks.length <= MAX_PREFIX_CHUNKS) {
        needAll(chunks.map(chunkName), need);
        chunks.forEach(function (i) {
          (index.data(chunkName(i)) || []).forEach(function (entry) {
            if (entry[0].lastIndexOf(prefix, 0) === 0) found[entry[0]] = postings(entry).docs.length;
          });
        });
      } else {
        lexPrefixCandidates(prefix, need).forEach(function (c) {
          found[c.term] = c.df;
        });
      }
    });
    return Object.keys(found)
      .map(function (term) {
        return { term: term, df: found[term] };
      })
      .sort(byDfThenTerm)
      .slice(0, MAX_EXPANSIONS);
  }

  /* Short prefixes span many chunks: pick the most frequent terms from the
     lexicon, from at most MAX_PREFIX_CHUNKS chunks. */
  function lexPrefixCandidates(prefix, need) {
    var name = lexName(prefix);
    if (!name) return [];
    if (!loaded(name)) {
      need.push(name);
      return [];
    }
    var lex = lexicon(name);
    var matches = [];
    lex.terms.forEach(function (term, i) {
      if (term.lastIndexOf(prefix, 0) === 0) matches.push({ term: term, df: lex.dfs[i] });
    });
    matches.sort(byDfThenTerm);
    var chunks = Object.create(null);
    var chosen = [];
    matches.forEach(function (m) {
      var chunk = chunkName(chunkIndex(m.term));
      if (!chunks[chunk] && Object.keys(chunks).length >= MAX_PREFIX_CHUNKS) return;
      chunks[chunk] = true;
      chosen.push(m);
    });
    needAll(Object.keys(chunks), need);
    return chosen;
  }

  function byDfThenTerm(a, b) {
    return b.df - a.df || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
  }

  /* Terms within one edit (insertion, deletion, substitution or adjacent
     transposition) of the stem, sharing its first character: the lexicon
     is split by first character, and first-letter typos are rare. */
  function typoCandidates(word, need) {
    var name = lexName(word.term);
    if (!name) return [];
    if (!loaded(name)) {
      need.push(name);
      return [];
    }
    var lex = lexicon(name);
    var target = Array.from(word.term);
    var out = [];
    lex.terms.forEach(function (term, i) {
      if (term !== word.term && withinOneEdit(Array.from(term), target)) {
        out.push({ term: term, df: lex.dfs[i] });
      }
    });
    out.sort(byDfThenTerm);
    out = out.slice(0, MAX_TYPO_CANDIDATES);
    out.forEach(function (c) {
      needChunk(c.term, need);
    });
    return out;
  }

  function withinOneEdit(a, b) {
    if (Math.abs(a.length - b.length) > 1) return false;
    var i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (i === a.length || i === b.length) return true;
    var restEq = function (x, xi, y, yi) {
      return x.slice(xi).join("") === y.slice(yi).join("");
    };
    if (a.length === b.length) {
      if (restEq(a, i + 1, b, i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && restEq(a, i + 2, b, i + 2);
    }
    return a.length > b.length ? restEq(a, i + 1, b, i) : restEq(a, i, b, i + 1);
  }

  /* Longest existing truncation of a word being typed: "chiffrem" (whose
     stem stays "chiffrem") finds "chiffr". */
  function truncationCandidate(word, need) {
    var chars = Array.from(word.folded);
    var prefixes = [];
    for (var k = chars.length - 1; k >= Math.max(MIN_PREFIX_CHARS, chars.length - 4); k--) {
      prefixes.push(chars.slice(0, k).join(""));
    }
    prefixes.forEach(function (p) {
      needChunk(p, need);
    });
    if (need.length) return null;
    for (var i = 0; i < prefixes.length; i++) {
      if (findEntry(prefixes[i])) return prefixes[i];
    }
    return null;
  }

  /* {need: [file names]} or {expansions: [{entry, weight, exact}]}. */
  function resolveWord(word) {
    var need = [];
    var others = word.synonyms || [];
    others.concat(word.terms ? [word.terms] : []).forEach(function (terms) {
      terms.forEach(function (term) {
        needChunk(term, need);
      });
    });
    if (word.terms) {
      if (need.length) return { need: need };
      var spelled = memberExpansions([word.terms], 1);
      return { expansions: spelled.concat(memberExpansions(others, SYNONYM_WEIGHT)) };
    }
    needChunk(word.term, need);
    var prefixes = [];
    if (word.prefix && codePointCount(word.folded) >= MIN_PREFIX_CHARS) {
      prefixes = word.folded === word.term ? [word.term] : [word.term, word.folded];
    }
    var candidates = prefixCandidates(prefixes, need);
    if (need.length) return { need: need };

    var expansions = [];
    var own = findEntry(word.term);
    if (own) expansions.push({ entry: own, weight: 1, exact: true });
    candidates.forEach(function (c) {
      var entry = c.term === word.term ? null : findEntry(c.term);
      if (entry) expansions.push({ entry: entry, weight: PREFIX_WEIGHT, exact: false });
    });
    // A typo before a truncation: "dégardé" typed in full is "dégradé", not
    // whatever word starts with "dega".
    var typoable = !word.phrase && codePointCount(word.folded) >= MIN_TYPO_CHARS;
    if (expansions.length === 0 && typoable) {
      var typos = typoCandidates(word, need);
      if (need.length) return { need: need };
      typos.forEach(function (c) {
        var entry = findEntry(c.term);
        if (entry) expansions.push({ entry: entry, weight: TYPO_WEIGHT, exact: false });
      });
    }
    if (expansions.length === 0 && word.prefix) {
      var cut = truncationCandidate(word, need);
      if (need.length) return { need: need };
      if (cut) expansions.push({ entry: findEntry(cut), weight: TRUNCATION_WEIGHT, exact: false });
    }
    if (expansions.length === 0 && typoable && others.length === 0) {
      var near = synonymTypos(word);
      near.forEach(function (terms) {
        terms.forEach(function (term) {
          needChunk(term, need);
        });
      });
      if (need.length) return { need: need };
      expansions = memberExpansions(near, TYPO_WEIGHT);
    }
    return { expansions: expansions.concat(memberExpansions(others, SYNONYM_WEIGHT)) };
  }

  /* A word one typo away from a one-word synonym ("ransomwre"), which the text
     itself may never use: every member of that word's groups. */
  function synonymTypos(word) {
    var groups = (index.meta && index.meta.synonyms) || [];
    var target = Array.from(word.term);
    var out = [];
    groups.forEach(function (group) {
      var near = group.some(function (terms) {
        return terms.length === 1 && withinOneEdit(Array.from(terms[0]), target);
      });
      if (near) out = out.concat(group);
    });
    return out;
  }

  /* Resolve every word, loading what they need, in as few rounds as the
     dependencies allow (meta → chunks → lexicon → candidate chunks). */
  function plan(words, pass, done) {
    var need = [];
    var results = words.map(resolveWord);
    results.forEach(function (r) {
      if (r.need) need = need.concat(r.need);
    });
    if (need.length === 0 || pass >= MAX_PLAN_PASSES) {
      words.forEach(function (w, i) {
        w.expansions = results[i].expansions || [];
      });
      return done();
    }
    loadAll(unique(need), function () {
      plan(words, pass + 1, done);
    });
  }

  function unique(list) {
    var seen = Object.create(null);
    return list.filter(function (x) {
      if (seen[x]) return false;
      seen[x] = true;
      return true;
    });
  }

  /* --- Scoring ------------------------------------------------------ */

  function idf(df) {
    return Math.log(1 + (index.meta.n - df + 0.5) / (df + 0.5));
  }

  /* Best contribution of one query word per doc, over its expansions.
     Typed arrays indexed by doc: far cheaper than maps for words found in
     thousands of pages. Returns the docs touched. */
  function scoreWord(word, best, section) {
    var touched = [];
    word.expansions.forEach(function (x) {
      var p = x.postings || postings(x.entry);
      var weight = x.weight * idf(p.docs.length);
      var boosted = x.exact && word.exact ? variantMembers(x.entry, word.exact) : null;
      for (var k = 0; k < p.docs.length; k++) {
        var doc = p.docs[k];
        var score = weight * IMPACT[p.impacts[k]] * (boosted && boosted[k] ? EXACT_BOOST : 1);
        if (best[doc] === 0) touched.push(doc);
        if (score > best[doc]) {
          best[doc] = score;
          section[doc] = p.sections[k];
        }
      }
    });
    return touched;
  }

  /* Combine words: AND first; when no doc has every word, OR ranked by the
     number of words matched. */
  function evaluate(text, words, filters) {
    var n = index.meta.n;
    var total = new Float64Array(n);
    var matched = new Uint8Array(n);
    var linkScore = new Float64Array(n);
    var linkSection = new Int32Array(n).fill(-1);
    var best = new Float64Array(n);
    var section = new Int32Array(n);
    var all = [];
    words.forEach(function (word) {
      best.fill(0);
      scoreWord(word, best, section).forEach(function (doc) {
        if (matched[doc] === 0) all.push(doc);
        matched[doc]++;
        total[doc] += best[doc];
        // Link to the section where the strongest word sits.
        if (section[doc] >= 0 && best[doc] > linkScore[doc]) {
          linkScore[doc] = best[doc];
          linkSection[doc] = section[doc];
        }
      });
    });
    var mode = "and";
    var candidates = all.filter(function (doc) {
      return matched[doc] === words.length;
    });
    // A quoted phrase asks for all its words: no fallback then.
    var phrase = words.some(function (w) {
      return w.phrase;
    });
    if (candidates.length === 0 && words.length > 1 && !phrase) {
      mode = "or";
      candidates = all;
    }
    if (candidates.length === 0) mode = "none";
    var selection = facets.selectionOf(filters);
    var facetResult = facets.apply(candidates, selection, FACET_LABELS);
    facetResult.kept = facets.withoutReplaced(facetResult.kept, selection);
    var priority = facets.byKey("priority");
    var p1 = facets.valueIndex("priority", "P1");
    var hits = facetResult.kept.map(function (doc) {
      return {
        doc: doc,
        score: total[doc],
        matched: matched[doc],
        section: linkSection[doc],
        p1: p1 >= 0 && facets.has(priority, doc, p1),
        obsolete: index.meta.obsolete[doc] === 1
      };
    });
    hits.sort(compareHits);
    return {
      query: text,
      mode: mode,
      total: hits.length,
      hits: hits,
      facets: facetResult.facets,
      terms: highlightSet(words),
      words: words.map(function (w) {
        return { term: w.term, exact: w.exact, prefix: w.prefix, phrase: w.phrase, expansions: w.expansions.length };
      })
    };
  }

  /* More words matched, then score, then P1 reflex cards, then doc order. */
  /* Sheets in force first: an obsolete one comes after all of them. */
  function compareHits(a, b) {
    if (a.obsolete !== b.obsolete) return a.obsolete ? 1 : -1;
    if (a.matched !== b.matched) return b.matched - a.matched;
    var tolerance = 1e-9 * Math.max(1, Math.abs(a.score), Math.abs(b.score));
    if (Math.abs(a.score - b.score) > tolerance) return b.score - a.score;
    if (a.p1 !== b.p1) return a.p1 ? -1 : 1;
    return a.doc - b.doc;
  }

  function highlightSet(words) {
    var set = Object.create(null);
    words.forEach(function (w) {
      set[w.term] = true;
      w.expansions.forEach(function (x) {
        (x.terms || [x.entry[0]]).forEach(function (term) {
          set[term] = true;
        });
      });
    });
    return set;
  }

  /* --- Public API ----------------------------------------------------- */

  /* query(text, filters, cb(error, result), {limit}): filters is
     {region: [codes], type: [...], role: [...], phase: [...], priority:
     [...]}; the first `limit` hits (default 10) come with details. */
  function query(text, filters, cb, options) {
    var limit = options && typeof options.limit === "number" ? options.limit : 10;
    withMeta(function (error) {
      if (error) return cb(error);
      var words = applySynonyms(parseQuery(String(text || "")));
      plan(words, 0, function () {
        var result = evaluate(String(text || ""), words, filters || {});
        index.details(result.hits.slice(0, limit), result.terms, function () {
          cb(null, result);
        });
      });
    });
  }

  var PROFILE_KEY = "planblanc.profile";

  function readProfile() {
    try {
      var raw = global.localStorage && global.localStorage.getItem(PROFILE_KEY);
      var profile = raw ? JSON.parse(raw) : {};
      return profile && typeof profile === "object" ? profile : {};
    } catch (e) {
      return {}; // file:// may forbid storage
    }
  }

  /* The reader's region and establishment type preselect the filters. */
  function defaultFilters() {
    var profile = readProfile();
    var filters = {};
    if (profile.showAll) return filters;
    if (typeof profile.region === "string" && profile.region) filters.region = [profile.region];
    if (typeof profile.type === "string" && profile.type) filters.type = [profile.type];
    return filters;
  }

  PB.query = query;
  PB.details = function (result, from, to, cb) {
    index.details(result.hits.slice(from, to), result.terms, cb);
  };
  PB.defaultFilters = defaultFilters;
  PB.readProfile = readProfile;
  PB.parseQuery = parseQuery;
  PB.localized = localized;
  PB.siteRoot = siteRoot;
})(typeof window !== "undefined" ? window : this);
