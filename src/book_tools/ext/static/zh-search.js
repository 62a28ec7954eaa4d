// Chinese query segmentation for Sphinx search (book_tools.ext).
//
// The index was segmented by jieba at build time, but a reader types an unsegmented phrase such
// as "推理服务". Sphinx would look that up as one word and find nothing. This splitter keeps Latin
// words as they are and cuts each run of Han characters into the longest words that the search
// index itself knows (forward maximum matching), dropping characters that no indexed word covers.
"use strict";

const BOOK_HAN_RUN = /[\p{Script=Han}]+/u;
const BOOK_MAX_WORD = 8;

function bookSegmentHan(run, known) {
  if (known(run)) return [run];
  const words = [];
  let i = 0;
  while (i < run.length) {
    let found = "";
    for (let len = Math.min(BOOK_MAX_WORD, run.length - i); len >= 2; len--) {
      const candidate = run.slice(i, i + len);
      if (known(candidate)) {
        found = candidate;
        break;
      }
    }
    if (found) {
      words.push(found);
      i += found.length;
    } else {
      i += 1; // a lone character is never indexed (Sphinx drops one-character words)
    }
  }
  return words;
}

function bookSplitQuery(query, known) {
  const parts = query
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter((term) => term);
  const out = [];
  for (const part of parts) {
    // split mixed runs such as "KV缓存" into Latin and Han pieces
    for (const piece of part.split(/([\p{Script=Han}]+)/u).filter((p) => p)) {
      if (BOOK_HAN_RUN.test(piece)) out.push(...bookSegmentHan(piece, known));
      else out.push(piece);
    }
  }
  return out;
}

function bookIndexKnows(word) {
  const index = typeof Search !== "undefined" && Search._index;
  if (!index) return true; // index not loaded yet: keep the query as typed
  return (
    Object.prototype.hasOwnProperty.call(index.terms, word) ||
    Object.prototype.hasOwnProperty.call(index.titleterms, word)
  );
}

// searchtools.js only defines its default splitter when none exists yet.
var splitQuery = (query) => bookSplitQuery(query, bookIndexKnows);

if (typeof module !== "undefined") {
  module.exports = { bookSplitQuery, bookSegmentHan };
}
