// Query splitter for Chinese and Japanese editions (book_tools.ext.search).
//
// Sphinx puts this file into language_data.js as the search language's js_splitter_code, so it
// defines splitQuery for searchtools.js. The index was segmented at build time (jieba for
// Chinese, Sphinx's TinySegmenter for Japanese), but a reader types an unsegmented phrase such as
// "推理服务" or "スケジューラー設定", which Sphinx would look up as one word and not find. This
// splitter keeps Latin words as they are and cuts each run of Han and kana characters into the
// longest words that the search index itself knows (forward maximum matching), dropping
// characters that no indexed word covers.

const BOOK_CJK_RUN =
  /[\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}]+/u;
const BOOK_CJK_PIECES =
  /([\p{Script_Extensions=Han}\p{Script_Extensions=Hiragana}\p{Script_Extensions=Katakana}]+)/u;
const BOOK_MAX_WORD = 16; // longer than most indexed words (katakana loanwords are long)

function bookSegmentCjk(run, known) {
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
      i += 1; // a lone character is never indexed (the search languages drop one-character words)
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
    // split mixed runs such as "KV缓存" into Latin and CJK pieces
    for (const piece of part.split(BOOK_CJK_PIECES).filter((p) => p)) {
      if (BOOK_CJK_RUN.test(piece)) out.push(...bookSegmentCjk(piece, known));
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

// the splitter searchtools.js calls (Sphinx's documented name for js_splitter_code)
function splitQuery(query) {
  return bookSplitQuery(query, bookIndexKnows);
}

if (typeof module !== "undefined") {
  module.exports = { bookSplitQuery, bookSegmentCjk };
}
