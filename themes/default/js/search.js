/*
 * planblanc — offline search.
 *
 * Works opened from disk (file://): the index is a set of plain scripts
 * under {root}search/ that call window.PB_SEARCH_LOAD(name, data); this file
 * inserts <script> elements on demand and waits for those calls. No fetch,
 * no network request of any kind, no modules, no workers.
 *
 * Sections:
 *   1. analysis   — twin of src/search/analyze.rs (shared test vectors)
 *   2. codec      — twin of src/search/codec.rs
 *   3. loader     — <script> insertion and the PB_SEARCH_LOAD callback
 *   4. engine     — query planning, scoring, facets; DOM-free, so Node can
 *                   drive it through window.PBSearch.query()
 *   5. interface  — header dropdown and the full search page
 */
(function (global) {
  "use strict";

  var PB = (global.PBSearch = global.PBSearch || {});

  /* ------------------------------------------------------------------ */
  /* 1. Analysis                                                         */
  /* ------------------------------------------------------------------ */

  var MAX_WORD_CHARS = 64;
  var MAX_UNSTEMMED_CHARS = 3;
  // U+02BC is a letter for Unicode but an apostrophe in French text.
  var WORD_RUN_SOURCE = "(?:(?!\\u02BC)[\\p{Alphabetic}\\p{N}\\p{M}])+";
  // Unicode property escapes (ES2018) are built at run time: as literals, an
  // older browser would reject the whole file; this way only search is off.
  var WORD_CHAR, MARKS, NUMERIC;
  try {
    WORD_CHAR = new RegExp("^(?!\\u02BC)[\\p{Alphabetic}\\p{N}\\p{M}]$", "u");
    MARKS = new RegExp("\\p{M}", "gu");
    NUMERIC = new RegExp("\\p{N}", "u");
    new RegExp(WORD_RUN_SOURCE, "gu");
  } catch (e) {
    PB.unsupported = true;
  }
  var ASCII = /^[\x00-\x7f]*$/;
  var APOSTROPHES = "'\u2019\u02BC";

  var ELISIONS = toSet("c d j jusqu l lorsqu m n puisqu qu s t");

  // Same list as STOP_WORDS in analyze.rs (folded, sorted).
  var STOP_LIST = (
    "a ai aie aient aies ainsi ait alors as au aura aurai auraient aurais " +
    "aurait auras aurez auriez aurions aurons auront aussi aux avaient avais " +
    "avait avec avez aviez avions avons ayant ayante ayantes ayants ayez " +
    "ayons c ca car ce ceci cela celle celles celui ces cet cette ceux chez " +
    "comme d dans de deja des donc dont du elle elles en es est et etaient " +
    "etais etait etant etante etantes etants ete etee etees etes etiez " +
    "etions eu eue eues eumes eurent eus eusse eussent eusses eussiez " +
    "eussions eut eutes eux fumes furent fus fusse fussent fusses fussiez " +
    "fussions fut futes il ils j je l la le les leur leurs lui m ma mais me " +
    "meme memes mes moi mon n ne ni nos notre nous on ont ou par pas pour " +
    "puis qu quand que qui s sa sans se sera serai seraient serais serait " +
    "seras serez seriez serions serons seront ses si soient sois soit " +
    "sommes son sont sous soyez soyons suis sur t ta te tes toi ton tres tu " +
    "un une vos votre vous y"
  ).split(" ");
  var STOP_WORDS = toSet(STOP_LIST.join(" "));

  function toSet(words) {
    var set = Object.create(null);
    words.split(" ").forEach(function (w) {
      set[w] = true;
    });
    return set;
  }

  function codePointCount(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0xd800 || c > 0xdbff) n++;
    }
    return n;
  }

  function isWordCharAt(text, index) {
    if (index >= text.length) return false;
    return WORD_CHAR.test(String.fromCodePoint(text.codePointAt(index)));
  }

  /* A word directly followed by an apostrophe and another word, and listed
     in ELISIONS, is an elided article: l'ARS → ARS. */
  function isElided(word, text, end) {
    if (end >= text.length || APOSTROPHES.indexOf(text.charAt(end)) < 0) return false;
    if (!isWordCharAt(text, end + 1)) return false;
    return word.length <= 7 && ASCII.test(word) && ELISIONS[word.toLowerCase()] === true;
  }

  /* visit(word, start, position) for each word that is not elided. */
  function forEachWord(text, visit) {
    var re = new RegExp(WORD_RUN_SOURCE, "gu");
    var position = 0;
    var m;
    while ((m = re.exec(text)) !== null) {
      var end = m.index + m[0].length;
      if (!isElided(m[0], text, end)) visit(m[0], m.index, position);
      position++;
    }
  }

  var LIGATURES = { "œ": "oe", "æ": "ae", "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl" };

  function expandLigatures(s) {
    return s.replace(/[œæ\ufb00-\ufb04]/g, function (c) {
      return LIGATURES[c];
    });
  }

  /* {folded, accented} or null; accented is set when the word carried
     diacritics (its lowercase NFC form differs from the folded one). */
  function normalizeWord(raw) {
    if (ASCII.test(raw)) {
      if (raw.length > MAX_WORD_CHARS) return null;
      return { folded: raw.toLowerCase(), accented: null };
    }
    if (codePointCount(raw) > MAX_WORD_CHARS) return null;
    var lower = raw.toLowerCase();
    var folded = expandLigatures(lower.normalize("NFD").replace(MARKS, ""));
    if (folded === "") return null;
    var exact = expandLigatures(lower.normalize("NFC"));
    return { folded: folded, accented: exact !== folded ? exact : null };
  }

  /* {term, exact} or null for stop words. */
  function stemWord(word) {
    if (STOP_WORDS[word.folded] === true) return null;
    var short = codePointCount(word.folded) <= MAX_UNSTEMMED_CHARS;
    if (short || NUMERIC.test(word.folded)) {
      return { term: word.folded, exact: word.accented };
    }
    return {
      term: stemFrench(word.folded),
      exact: word.accented === null ? null : stemFrench(word.accented)
    };
  }

  /* Tokens {term, exact, position, start, end, folded}; offsets are UTF-16
     indexes into text (used for highlighting). */
  function analyze(text) {
    var tokens = [];
    forEachWord(String(text), function (raw, start, position) {
      var word = normalizeWord(raw);
      var stems = word && stemWord(word);
      if (!stems) return;
      tokens.push({
        term: stems.term,
        exact: stems.exact,
        position: position,
        start: start,
        end: start + raw.length,
        folded: word.folded
      });
    });
    return tokens;
  }

  /* --- Snowball French stemmer -------------------------------------- *
   * A port of the algorithm described at snowballstem.org (French, the
   * version with the "ier/Ier" residual rule). The word is worked on as an
   * array of characters; pV/p1/p2 are the region starts. Suffix lists are
   * searched longest-first, as Snowball's `among` does.
   * ------------------------------------------------------------------ */

  var VOWELS = "aeiouyâàëéêèïîôûù";
  var KEEP_WITH_S = "aiouès";

  function isVowel(c) {
    return c !== undefined && c.length === 1 && VOWELS.indexOf(c) >= 0;
  }

  function suffixTable(spec) {
    var table = [];
    Object.keys(spec).forEach(function (group) {
      spec[group].split(" ").forEach(function (suffix) {
        table.push({ chars: Array.from(suffix), group: Number(group) });
      });
    });
    // Longest first: the first hit is the longest match.
    table.sort(function (a, b) {
      return b.chars.length - a.chars.length;
    });
    return table;
  }

  var STANDARD = suffixTable({
    1: "ance iqUe isme able iste eux ances iqUes ismes ables istes",
    2: "atrice ateur ation atrices ateurs ations",
    3: "logie logies",
    4: "usion ution usions utions",
    5: "ence ences",
    6: "ement ements",
    7: "ité ités",
    8: "if ive ifs ives",
    9: "eaux",
    10: "aux",
    11: "euse euses",
    12: "issement issements",
    13: "amment",
    14: "emment",
    15: "ment ments"
  });
  var AFTER_EMENT = suffixTable({ 1: "iv", 2: "eus", 3: "abl iqU", 4: "ièr Ièr" });
  var AFTER_ITE = suffixTable({ 1: "abil", 2: "ic", 3: "iv" });
  var I_VERB = suffixTable({
    1:
      "îmes ît îtes i ie ies ir ira irai iraIent irais irait iras irent irez " +
      "iriez irions irons iront is issaIent issais issait issant issante " +
      "issantes issants isse issent isses issez issiez issions issons it"
  });
  var VERB = suffixTable({
    1: "ions",
    2: "é ée ées és èrent er era erai eraIent erais erait eras erez eriez erions erons eront ez iez",
    3: "âmes ât âtes a ai aIent ais ait ant ante antes ants as asse assent asses assiez assions"
  });
  var RESIDUAL = suffixTable({ 1: "ion", 2: "ier ière Ier Ière", 3: "e", 4: "ë" });
  var UNDOUBLE = suffixTable({ 1: "enn onn ett ell eill" });

  /* Longest suffix of w (char array) from table starting at or after
     `floor`; returns {start, group} or null. */
  function findSuffix(w, table, floor) {
    for (var i = 0; i < table.length; i++) {
      var chars = table[i].chars;
      var start = w.length - chars.length;
      if (start < floor) continue;
      var ok = true;
      for (var j = 0; j < chars.length && ok; j++) ok = w[start + j] === chars[j];
      if (ok) return { start: start, group: table[i].group };
    }
    return null;
  }

  function endsWith(w, s, floor) {
    var start = w.length - s.length;
    if (start < floor) return false;
    for (var j = 0; j < s.length; j++) if (w[start + j] !== s.charAt(j)) return false;
    return true;
  }

  function replaceFrom(w, start, replacement) {
    w.length = start;
    for (var i = 0; i < replacement.length; i++) w.push(replacement.charAt(i));
  }

  /* Mark u, i, y that act as consonants, and the u of qu, with capitals. */
  function prelude(w) {
    var i = 0;
    while (i < w.length) {
      if (!markAt(w, i)) i++;
    }
  }

  function markAt(w, i) {
    if (isVowel(w[i])) {
      var next = w[i + 1];
      if ((next === "u" || next === "i") && isVowel(w[i + 2])) {
        w[i + 1] = next.toUpperCase();
        return true;
      }
      if (next === "y") {
        w[i + 1] = "Y";
        return true;
      }
    }
    if (w[i] === "y" && isVowel(w[i + 1])) {
      w[i] = "Y";
      return true;
    }
    if (w[i] === "q" && w[i + 1] === "u") {
      w[i + 1] = "U";
      return true;
    }
    return false;
  }

  function markRegions(w) {
    var n = w.length;
    var r = { pV: n, p1: n, p2: n };
    var begin = w.slice(0, 3).join("");
    if (n >= 3 && isVowel(w[0]) && isVowel(w[1])) {
      r.pV = 3;
    } else if (begin === "par" || begin === "col" || begin === "tap") {
      r.pV = 3;
    } else {
      for (var i = 1; i < n; i++) {
        if (isVowel(w[i])) {
          r.pV = i + 1;
          break;
        }
      }
    }
    r.p1 = afterVowelThenConsonant(w, 0);
    r.p2 = afterVowelThenConsonant(w, r.p1);
    return r;
  }

  /* Position after the first non-vowel that follows a vowel, from `from`. */
  function afterVowelThenConsonant(w, from) {
    var i = from;
    while (i < w.length && !isVowel(w[i])) i++;
    i++;
    while (i < w.length && isVowel(w[i])) i++;
    return i < w.length ? i + 1 : w.length;
  }

  /* Returns true when a suffix was removed (Snowball success). Some rules
     change the word and then fail on purpose, so that verb suffixes are
     tried next on the changed word. */
  function standardSuffix(w, r) {
    var hit = findSuffix(w, STANDARD, 0);
    if (!hit) return false;
    var s = hit.start;
    switch (hit.group) {
      case 1:
        if (s < r.p2) return false;
        w.length = s;
        return true;
      case 2:
        if (s < r.p2) return false;
        w.length = s;
        if (endsWith(w, "ic", 0)) replaceFrom(w, w.length - 2, w.length - 2 >= r.p2 ? "" : "iqU");
        return true;
      case 3:
        if (s < r.p2) return false;
        replaceFrom(w, s, "log");
        return true;
      case 4:
        if (s < r.p2) return false;
        replaceFrom(w, s, "u");
        return true;
      case 5:
        if (s < r.p2) return false;
        replaceFrom(w, s, "ent");
        return true;
      case 6:
        if (s < r.pV) return false;
        w.length = s;
        afterEment(w, r);
        return true;
      case 7:
        if (s < r.p2) return false;
        w.length = s;
        afterIte(w, r);
        return true;
      case 8:
        if (s < r.p2) return false;
        w.length = s;
        if (endsWith(w, "at", 0) && w.length - 2 >= r.p2) {
          w.length -= 2;
          if (endsWith(w, "ic", 0)) replaceFrom(w, w.length - 2, w.length - 2 >= r.p2 ? "" : "iqU");
        }
        return true;
      case 9:
        replaceFrom(w, s, "eau");
        return true;
      case 10:
        if (s < r.p1) return false;
        replaceFrom(w, s, "al");
        return true;
      case 11:
        if (s >= r.p2) {
          w.length = s;
          return true;
        }
        if (s < r.p1) return false;
        replaceFrom(w, s, "eux");
        return true;
      case 12:
        if (s < r.p1 || s < 1 || isVowel(w[s - 1])) return false;
        w.length = s;
        return true;
      case 13:
        if (s >= r.pV) replaceFrom(w, s, "ant");
        return false;
      case 14:
        if (s >= r.pV) replaceFrom(w, s, "ent");
        return false;
      default:
        // -ment(s) after a vowel of RV: drop it, then let the verb rules run.
        if (s >= 1 && isVowel(w[s - 1]) && s - 1 >= r.pV) w.length = s;
        return false;
    }
  }

  function afterEment(w, r) {
    var hit = findSuffix(w, AFTER_EMENT, 0);
    if (!hit) return;
    var s = hit.start;
    if (hit.group === 1) {
      if (s < r.p2) return;
      w.length = s;
      if (endsWith(w, "at", 0) && w.length - 2 >= r.p2) w.length -= 2;
    } else if (hit.group === 2) {
      if (s >= r.p2) w.length = s;
      else if (s >= r.p1) replaceFrom(w, s, "eux");
    } else if (hit.group === 3) {
      if (s >= r.p2) w.length = s;
    } else if (s >= r.pV) {
      replaceFrom(w, s, "i");
    }
  }

  function afterIte(w, r) {
    var hit = findSuffix(w, AFTER_ITE, 0);
    if (!hit) return;
    var s = hit.start;
    if (hit.group === 1) replaceFrom(w, s, s >= r.p2 ? "" : "abl");
    else if (hit.group === 2) replaceFrom(w, s, s >= r.p2 ? "" : "iqU");
    else if (s >= r.p2) w.length = s;
  }

  /* -ir verb endings inside RV, after a non-vowel also inside RV. */
  function iVerbSuffix(w, r) {
    if (w.length < r.pV) return false;
    var hit = findSuffix(w, I_VERB, r.pV);
    if (!hit || hit.start - 1 < r.pV || isVowel(w[hit.start - 1])) return false;
    w.length = hit.start;
    return true;
  }

  function verbSuffix(w, r) {
    if (w.length < r.pV) return false;
    var hit = findSuffix(w, VERB, r.pV);
    if (!hit) return false;
    if (hit.group === 1) {
      if (hit.start < r.p2) return false;
      w.length = hit.start;
    } else if (hit.group === 2) {
      w.length = hit.start;
    } else {
      w.length = hit.start;
      if (endsWith(w, "e", r.pV)) w.length -= 1;
    }
    return true;
  }

  function residualSuffix(w, r) {
    var n = w.length;
    if (n >= 2 && w[n - 1] === "s" && KEEP_WITH_S.indexOf(w[n - 2]) < 0) w.length = n - 1;
    if (w.length < r.pV) return;
    var hit = findSuffix(w, RESIDUAL, r.pV);
    if (!hit) return;
    var s = hit.start;
    if (hit.group === 1) {
      if (s >= r.p2 && s - 1 >= r.pV && (w[s - 1] === "s" || w[s - 1] === "t")) w.length = s;
    } else if (hit.group === 2) {
      replaceFrom(w, s, "i");
    } else if (hit.group === 3) {
      w.length = s;
    } else if (s - 2 >= r.pV && w[s - 2] === "g" && w[s - 1] === "u") {
      w.length = s;
    }
  }

  function unDouble(w) {
    if (findSuffix(w, UNDOUBLE, 0)) w.length -= 1;
  }

  /* é or è followed by at least one non-vowel up to the end becomes e. */
  function unAccent(w) {
    var i = w.length - 1;
    while (i >= 0 && !isVowel(w[i])) i--;
    if (i < w.length - 1 && i >= 0 && (w[i] === "é" || w[i] === "è")) w[i] = "e";
  }

  function postlude(w) {
    for (var i = 0; i < w.length; i++) {
      if (w[i] === "I" || w[i] === "U" || w[i] === "Y") w[i] = w[i].toLowerCase();
    }
  }

  function stemFrench(word) {
    var w = Array.from(word);
    prelude(w);
    var r = markRegions(w);
    if (standardSuffix(w, r) || iVerbSuffix(w, r) || verbSuffix(w, r)) {
      var last = w.length - 1;
      if (w[last] === "Y") w[last] = "i";
      else if (w[last] === "ç") w[last] = "c";
    } else {
      residualSuffix(w, r);
    }
    unDouble(w);
    unAccent(w);
    postlude(w);
    return w.join("");
  }

  PB.analyze = analyze;
  PB.normalizeWord = normalizeWord;
  PB.stemWord = stemWord;
  PB.stem = stemFrench;
  PB.stopWords = STOP_LIST;
  PB.elisions = Object.keys(ELISIONS).sort();

  /* ------------------------------------------------------------------ */
  /* 2. Codec (twin of codec.rs)                                         */
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
  /* 3. Loader                                                           */
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
  /* 4. Engine                                                           */
  /* ------------------------------------------------------------------ */

  var FORMAT_VERSION = 1;
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

  var meta = null;

  function withMeta(cb) {
    if (PB.unsupported) return cb(new Error("browser lacks Unicode regular expressions"));
    if (meta) return cb(null);
    load("meta", function (error, raw) {
      if (error || !raw) return cb(error || new Error("meta"));
      if (raw.v !== FORMAT_VERSION) return cb(new Error("index format " + raw.v));
      if (!meta) meta = prepareMeta(raw);
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
    return { n: raw.n, bounds: raw.t, pages: pageTable(raw.pc, raw.n), lex: lex, facets: facets };
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
    var hi = meta.bounds.length - 1;
    var found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (meta.bounds[mid] <= term) {
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
    return meta.lex[hex] ? "l/" + hex : null;
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
          end: offset + t.end
        });
      });
      offset += part.length + 1;
    });
    var last = words[words.length - 1];
    if (last && !last.phrase && last.end === text.length) last.prefix = true;
    var seen = Object.create(null);
    return words.filter(function (w) {
      var key = w.term + (w.prefix ? "*" : "");
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    });
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
          (store[chunkName(i)] || []).forEach(function (entry) {
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
    if (expansions.length === 0 && word.prefix) {
      var cut = truncationCandidate(word, need);
      if (need.length) return { need: need };
      if (cut) expansions.push({ entry: findEntry(cut), weight: TRUNCATION_WEIGHT, exact: false });
    }
    if (expansions.length === 0 && !word.phrase && codePointCount(word.folded) >= MIN_TYPO_CHARS) {
      var typos = typoCandidates(word, need);
      if (need.length) return { need: need };
      typos.forEach(function (c) {
        var entry = findEntry(c.term);
        if (entry) expansions.push({ entry: entry, weight: TYPO_WEIGHT, exact: false });
      });
    }
    return { expansions: expansions };
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
    return Math.log(1 + (meta.n - df + 0.5) / (df + 0.5));
  }

  /* Best contribution of one query word per doc, over its expansions.
     Typed arrays indexed by doc: far cheaper than maps for words found in
     thousands of pages. Returns the docs touched. */
  function scoreWord(word, best, section) {
    var touched = [];
    word.expansions.forEach(function (x) {
      var p = postings(x.entry);
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
    var n = meta.n;
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
    var facetResult = applyFacets(candidates, selectionOf(filters));
    var priority = facetByKey("priority");
    var p1 = valueIndex("priority", "P1");
    var hits = facetResult.kept.map(function (doc) {
      return {
        doc: doc,
        score: total[doc],
        matched: matched[doc],
        section: linkSection[doc],
        p1: p1 >= 0 && facetHas(priority, doc, p1)
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
  function compareHits(a, b) {
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
        set[x.entry[0]] = true;
      });
    });
    return set;
  }

  /* --- Facets ------------------------------------------------------- */

  function facetByKey(key) {
    for (var i = 0; i < meta.facets.length; i++) if (meta.facets[i].key === key) return meta.facets[i];
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
    return meta.facets.map(function (facet) {
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

  function docPasses(facet, doc, selected) {
    var set = facet.sets[facet.docSet[doc]];
    if (set.length > 0 && set[0] === -1) return true;
    for (var i = 0; i < set.length; i++) if (selected[set[i]]) return true;
    return false;
  }

  /* Filter candidates and count values per facet. Counts are disjunctive:
     a facet's counts ignore that facet's own selection, so ticking a
     second region shows how many results it would add. */
  function applyFacets(candidates, selection) {
    var facets = meta.facets;
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
          label: FACET_LABELS[facet.key] || facet.key,
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

  /* --- Result details ----------------------------------------------- */

  /* Load page chunks for hits and attach display fields: id, title, url,
     href (url#anchor from the site root), breadcrumb, phase, phaseLabel,
     priority, snippet {heading, text, ranges, headingRanges}, titleRanges. */
  function details(hits, terms, cb) {
    var pageName = function (doc) {
      return "p/" + meta.pages.chunk[doc];
    };
    loadAll(unique(hits.map(function (h) {
      return pageName(h.doc);
    })), function () {
      hits.forEach(function (hit) {
        var chunk = store[pageName(hit.doc)];
        var record = chunk && chunk[meta.pages.offset[hit.doc]];
        if (record) describe(hit, record, terms);
      });
      cb();
    });
  }

  var RECORD = { id: 0, title: 1, url: 2, breadcrumb: 3, phase: 4, priority: 5, summary: 6, trigger: 7, sections: 8 };

  function describe(hit, record, terms) {
    var sections = record[RECORD.sections];
    var section = hit.section >= 0 ? hit.section : headingSection(sections, terms);
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
    hit.snippet = snippet(record, section);
    hit.snippet.ranges = highlightRanges(hit.snippet.text, terms);
    hit.snippet.headingRanges = highlightRanges(hit.snippet.heading, terms);
    hit.titleRanges = highlightRanges(hit.title, terms);
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
    if (section >= 0 && section * 3 + 2 < sections.length) {
      return { heading: sections[section * 3 + 1], text: sections[section * 3 + 2] || summary };
    }
    return { heading: "", text: summary || (sections.length > 2 ? sections[2] : "") };
  }

  function highlightRanges(text, terms) {
    return analyze(text || "")
      .filter(function (t) {
        return terms[t.term] === true;
      })
      .map(function (t) {
        return [t.start, t.end];
      });
  }

  /* --- Public API ----------------------------------------------------- */

  /* query(text, filters, cb(error, result), {limit}): filters is
     {region: [codes], type: [...], role: [...], phase: [...], priority:
     [...]}; the first `limit` hits (default 10) come with details. */
  function query(text, filters, cb, options) {
    var limit = options && typeof options.limit === "number" ? options.limit : 10;
    withMeta(function (error) {
      if (error) return cb(error);
      var words = parseQuery(String(text || ""));
      plan(words, 0, function () {
        var result = evaluate(String(text || ""), words, filters || {});
        details(result.hits.slice(0, limit), result.terms, function () {
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
    details(result.hits.slice(from, to), result.terms, cb);
  };
  PB.defaultFilters = defaultFilters;
  PB.readProfile = readProfile;
  PB.parseQuery = parseQuery;

  /* ------------------------------------------------------------------ */
  /* 5. Interface                                                        */
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
    quoteClose: "\u00a0»"
  }, GIVEN_TEXT.search);
  var DROPDOWN_SIZE = 8;
  var PAGE_SIZE = 20;
  var DEBOUNCE_MS = 120;

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
  function appendMarked(parent, text, ranges) {
    var doc = global.document;
    var pos = 0;
    (ranges || []).forEach(function (r) {
      if (r[0] < pos) return;
      if (r[0] > pos) parent.appendChild(doc.createTextNode(text.slice(pos, r[0])));
      parent.appendChild(el("mark", null, text.slice(r[0], r[1])));
      pos = r[1];
    });
    if (pos < text.length) parent.appendChild(doc.createTextNode(text.slice(pos)));
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
    appendMarked(title, hit.title || hit.id || "", hit.titleRanges);
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
    if (hit.breadcrumb && hit.breadcrumb.length) {
      container.appendChild(el("p", "pb-crumb", hit.breadcrumb.join(" › ")));
    }
    var s = hit.snippet;
    if (s && (s.heading || s.text)) {
      var p = el("p", "pb-snippet");
      if (s.heading) {
        var strong = el("strong", "pb-snippet-heading");
        appendMarked(strong, s.heading, s.headingRanges);
        p.appendChild(strong);
        p.appendChild(global.document.createTextNode(" — "));
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

  function isEditable(node) {
    return !!node && (node.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(node.tagName || ""));
  }

  /* --- Header dropdown ---------------------------------------------- */

  function Dropdown(form, input, box) {
    this.form = form;
    this.input = input;
    this.box = box;
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
      return;
    }
    this.hits = result.hits.slice(0, DROPDOWN_SIZE);
    if (this.hits.length === 0) {
      box.appendChild(el("p", "pb-empty", TEXT.none));
      this.input.setAttribute("aria-expanded", "false");
      return;
    }
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
  };

  Dropdown.prototype.onKey = function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
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

  function setupDropdown(form, input, box) {
    var dropdown = new Dropdown(form, input, box);
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
    this.summary = el("p", "pb-sp-summary");
    this.summary.setAttribute("aria-live", "polite");
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
    layout.appendChild(this.facetBox);
    layout.appendChild(main);
    container.appendChild(this.summary);
    container.appendChild(layout);
    var self = this;
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
    this.renderFacets(r.facets);
    clear(this.list);
    this.shown = 0;
    this.appendHits(r.hits.slice(0, PAGE_SIZE));
  };

  SearchPage.prototype.appendHits = function (hits) {
    var self = this;
    hits.forEach(function (hit) {
      var item = el("li", "pb-hit");
      renderHit(item, hit);
      self.list.appendChild(item);
    });
    this.shown += hits.length;
    this.more.hidden = this.shown >= this.result.total;
  };

  SearchPage.prototype.showMore = function () {
    var self = this;
    var result = this.result;
    var from = this.shown;
    details(result.hits.slice(from, from + PAGE_SIZE), result.terms, function () {
      if (self.result === result) self.appendHits(result.hits.slice(from, from + PAGE_SIZE));
    });
  };

  /* One fieldset per facet: "Tous" plus the values present in the results
     (or selected), each with its count. */
  SearchPage.prototype.renderFacets = function (facets) {
    var self = this;
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

  function setupShortcut(input) {
    global.document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || isEditable(e.target)) return;
      e.preventDefault();
      input.focus();
      if (input.select) input.select();
    });
  }

  function init() {
    var doc = global.document;
    var input = doc.getElementById("pb-q");
    var form = input && input.form;
    var box = doc.getElementById("pb-results");
    var page = doc.getElementById("pb-search-page");
    if (input) setupShortcut(input);
    if (page) setupSearchPage(page, form, input);
    else if (form && input && box) setupDropdown(form, input, box);
  }

  var document = global.document;
  if (document && typeof document.getElementById === "function") {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
    else init();
  }
})(typeof window !== "undefined" ? window : this);
