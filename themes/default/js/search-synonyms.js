/*
 * planblanc — offline search, 3/5: synonyms. handbook.yaml's
 * `search_synonyms` reach the index meta as groups of members, each member
 * the terms its words analyse to; the engine asks here which query words
 * belong to a group and what else they match.
 */
(function (global) {
  "use strict";

  var PB = (global.PBSearch = global.PBSearch || {});
  var index = PB.index;
  var findEntry = index.findEntry;
  var postings = index.postings;

  // Weight of another member of the group, relative to the word as typed.
  var WEIGHT = 0.9;

  /* handbook.yaml's `search_synonyms`, each member as the terms its words
     analyse to. A query word that is a one-word member, or a run of words
     spelling a longer member, becomes one word that also matches every other
     member of its group (a longer member where all its words are). */
  function applySynonyms(words) {
    var groups = index.meta.synonyms;
    if (!groups.length) return words;
    var out = [];
    for (var i = 0; i < words.length; ) {
      var found = longestMember(groups, words, i);
      if (!found) {
        out.push(words[i++]);
        continue;
      }
      var terms = found.group[found.member];
      var word = terms.length === 1 ? words[i] : collapse(words, i, terms);
      word.synonyms = found.group.filter(function (m, k) {
        return k !== found.member;
      });
      out.push(word);
      i += terms.length;
    }
    return out;
  }

  function longestMember(groups, words, i) {
    var best = null;
    groups.forEach(function (group) {
      group.forEach(function (terms, k) {
        var longer = !best || terms.length > best.group[best.member].length;
        if (longer && spells(words, i, terms)) best = { group: group, member: k };
      });
    });
    return best;
  }

  function spells(words, i, terms) {
    if (i + terms.length > words.length) return false;
    return terms.every(function (term, k) {
      return !words[i + k].phrase && words[i + k].term === term;
    });
  }

  function collapse(words, i, terms) {
    var text = terms.join(" ");
    var end = words[i + terms.length - 1].end;
    return { term: text, exact: null, folded: text, phrase: false, prefix: false, end: end, terms: terms };
  }

  /* Expansions for members: a one-word member is its entry; a longer one,
     the docs holding all its words. */
  function memberExpansions(members, weight) {
    var out = [];
    members.forEach(function (terms) {
      var entries = terms.map(findEntry);
      if (entries.indexOf(null) >= 0) return;
      if (entries.length === 1) out.push({ entry: entries[0], weight: weight, exact: false });
      else out.push({ postings: intersect(entries.map(postings)), terms: terms, weight: weight, exact: false });
    });
    return out;
  }

  /* Docs in every list (docs ascending), with the weakest impact and the
     first list's section. */
  function intersect(lists) {
    var out = { docs: [], impacts: [], sections: [] };
    var at = lists.map(function () {
      return 0;
    });
    var first = lists[0];
    for (var i = 0; i < first.docs.length; i++) {
      var doc = first.docs[i];
      var impact = first.impacts[i];
      var everywhere = true;
      for (var l = 1; l < lists.length && everywhere; l++) {
        var p = lists[l];
        while (at[l] < p.docs.length && p.docs[at[l]] < doc) at[l]++;
        everywhere = at[l] < p.docs.length && p.docs[at[l]] === doc;
        if (everywhere) impact = Math.min(impact, p.impacts[at[l]]);
      }
      if (everywhere) {
        out.docs.push(doc);
        out.impacts.push(impact);
        out.sections.push(first.sections[i]);
      }
    }
    return out;
  }

  PB.synonyms = { apply: applySynonyms, expansions: memberExpansions, WEIGHT: WEIGHT };
})(typeof window !== "undefined" ? window : this);
