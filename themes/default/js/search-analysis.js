/*
 * planblanc — offline search, 1/5: French analysis, the twin of
 * src/search/analyze.rs (checked by the shared vectors in tests/search_vectors/).
 * Loaded first; exports window.PBSearch.analyze and its parts.
 */
(function (global) {
  "use strict";

  var PB = (global.PBSearch = global.PBSearch || {});

  /* ------------------------------------------------------------------ */
  /* Analysis                                                            */
  /* ------------------------------------------------------------------ */

  var MAX_WORD_CHARS = 64;
  var MAX_UNSTEMMED_CHARS = 3;
  // U+02BC is a letter for Unicode but an apostrophe in French text.
  var WORD_CHAR_SOURCE = "(?!\\u02BC)[\\p{Alphabetic}\\p{N}\\p{M}]";
  var LETTER_SOURCE = "(?!\\u02BC)\\p{Alphabetic}";
  // An acronym written with dots (A.R.S.) is one word, its last dot left out;
  // then a run of word characters. Twin of dotted_acronym_end in analyze.rs.
  var WORD_RUN_SOURCE =
    LETTER_SOURCE + "(?:\\." + LETTER_SOURCE + "(?!" + WORD_CHAR_SOURCE + "))+" +
    "|(?:" + WORD_CHAR_SOURCE + ")+";
  // Unicode property escapes (ES2018) are built at run time: as literals, an
  // older browser would reject the whole file; this way only search is off.
  var WORD_CHAR, MARKS, NUMERIC;
  try {
    WORD_CHAR = new RegExp("^" + WORD_CHAR_SOURCE + "$", "u");
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
    // The one word with a separator inside: a dotted acronym.
    if (raw.indexOf(".") >= 0) raw = raw.replace(/\./g, "");
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
  PB.codePointCount = codePointCount;
  PB.normalizeWord = normalizeWord;
  PB.stemWord = stemWord;
  PB.stem = stemFrench;
  PB.stopWords = STOP_LIST;
  PB.elisions = Object.keys(ELISIONS).sort();
})(typeof window !== "undefined" ? window : this);
