// jixiao search: exact full-text search over the static index in search/ (see src/search/).
// No framework, no dependencies. Every string of the page comes from the HTML (data-*
// attributes written from the theme's i18n file); text is inserted as text, never as HTML.
//
// Semantics, identical to src/search/query.rs: the query and the texts are normalised
// (full-width ASCII → half-width, A–Z → a–z, thousands separators dropped); the query splits at
// white space into words, each word into segments: runs of adjacent characters, found as
// substrings (up to three chars from the term's own record list, longer ones verified with the
// positions of the cheapest covering trigrams), and Latin words or numbers, found as prefixes of
// a word of the text. A record matches when it has every segment. Ranking: segments in the
// heading, then occurrences, then year, newest first.
(function () {
  "use strict";

  // ---- normalisation (mirror of src/search/normalize.rs) ----
  function fold(c) {
    var n = c.codePointAt(0);
    if (n >= 0xff01 && n <= 0xff5e) c = String.fromCodePoint(n - 0xfee0);
    else if (n === 0x3000) c = " ";
    if (c >= "A" && c <= "Z") c = c.toLowerCase();
    return c;
  }
  function isSpace(c) {
    var n = c.codePointAt(0);
    return (
      n === 0x20 || (n >= 0x09 && n <= 0x0d) || n === 0x85 || n === 0xa0 || n === 0x1680 ||
      (n >= 0x2000 && n <= 0x200a) || n === 0x2028 || n === 0x2029 || n === 0x202f ||
      n === 0x205f || n === 0x3000 || n === 0xfeff
    );
  }
  function isDigit(c) {
    return c !== undefined && c >= "0" && c <= "9" && c.length === 1;
  }
  function isWordChar(c) {
    return c !== undefined && c.length === 1 && ((c >= "a" && c <= "z") || (c >= "0" && c <= "9"));
  }
  // Normalised code points of `text`, and for each the index of its code point in the original.
  function normalize(text) {
    var src = Array.from(text);
    var folded = src.map(fold);
    var out = [];
    var map = [];
    var prevDigit = false;
    for (var i = 0; i < folded.length; i++) {
      var c = folded[i];
      if (
        c === "," && prevDigit && isDigit(folded[i + 1]) && isDigit(folded[i + 2]) &&
        isDigit(folded[i + 3]) && !isDigit(folded[i + 4])
      ) continue;
      out.push(c);
      map.push(i);
      prevDigit = isDigit(c);
    }
    return { chars: out, map: map, source: src };
  }
  // Calls f(position, kind, value, startIndex, endIndex) for every unit of normalised chars.
  function units(chars, start, f) {
    var pos = start;
    var i = 0;
    while (i < chars.length) {
      var c = chars[i];
      if (isWordChar(c)) {
        var j = i + 1;
        for (;;) {
          if (isWordChar(chars[j])) j++;
          else if (chars[j] === "." && isDigit(chars[j - 1]) && isDigit(chars[j + 1])) j++;
          else break;
        }
        f(pos, "w", chars.slice(i, j).join(""), i, j);
        i = j;
      } else {
        if (!isSpace(c)) f(pos, "c", c, i, i + 1);
        i++;
      }
      pos++;
    }
    return pos;
  }
  function segments(query) {
    var segs = [];
    var last = -2;
    units(normalize(query).chars, 0, function (p, kind, v) {
      var top = segs[segs.length - 1];
      if (kind === "c") {
        if (top && top.chars && last === p - 1) top.chars.push(v);
        else segs.push({ chars: [v] });
      } else segs.push({ word: v });
      last = p;
    });
    var seen = {};
    return segs.filter(function (s) {
      var k = s.chars ? "c" + s.chars.join("") : "w" + s.word;
      if (seen[k]) return false;
      seen[k] = true;
      return true;
    });
  }

  // ---- index files ----
  var BODY = 1024;
  var encoder = new TextEncoder();
  function fnv(str) {
    var b = encoder.encode(str);
    var h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) {
      h ^= b[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }
  function varint(b, st) {
    var v = 0, mul = 1;
    for (;;) {
      var x = b[st.i++];
      if (x === undefined) return v;
      v += (x & 0x7f) * mul;
      if (x < 0x80) return v;
      mul *= 128;
    }
  }
  function sameBytes(b, from, len, t) {
    if (len !== t.length) return false;
    for (var k = 0; k < len; k++) if (b[from + k] !== t[k]) return false;
    return true;
  }
  function startsWithBytes(b, from, len, t) {
    if (len < t.length) return false;
    for (var k = 0; k < t.length; k++) if (b[from + k] !== t[k]) return false;
    return true;
  }

  // ---- compressed files ----
  // Every binary file starts with MAGIC ("JXS4"); a file that does not was changed on the way
  // (a host compressing it without saying so, an error page) and is refused with a message.
  var MAGIC = [0x4a, 0x58, 0x53, 0x34];
  function checkMagic(path, b) {
    for (var k = 0; k < 4; k++) {
      if (b[k] !== MAGIC[k]) {
        var got = Array.prototype.map.call(b.subarray(0, 4), function (x) { return ("0" + x.toString(16)).slice(-2); }).join(" ");
        throw new Error("search/" + path + ": not a jixiao search file of this version (it starts with " + (got || "nothing") + ", not 4a 58 53 34)");
      }
    }
    return b;
  }
  // Raw deflate (RFC 1951), for browsers without DecompressionStream (iOS Safari before 16.4,
  // browsers on Chromium cores before 80). Hand-written rather than vendored: the theme has no
  // build step or dependencies, and this is the whole decoder (stored, fixed and dynamic
  // Huffman blocks); tests/search.rs runs it in Chromium with DecompressionStream deleted.
  // With `dict` (a preset dictionary, as the fragment packs have), back-references reach into
  // it as if it came before the data; the result is the data alone.
  function inflateJs(src, dict) {
    var pre = dict ? dict.length : 0;
    var out = new Uint8Array(Math.max(1024, pre + src.length * 4)), n = pre, pos = 0, bit = 0, bits = 0;
    if (pre) out.set(dict);
    function need(k) {
      while (bits < k) {
        if (pos >= src.length) throw new Error("deflate data ends early");
        bit |= src[pos++] << bits;
        bits += 8;
      }
    }
    function take(k) { need(k); var v = bit & ((1 << k) - 1); bit >>>= k; bits -= k; return v; }
    function room(k) {
      if (n + k <= out.length) return;
      var bigger = new Uint8Array(Math.max(out.length * 2, n + k));
      bigger.set(out.subarray(0, n));
      out = bigger;
    }
    // A canonical Huffman code from code lengths: counts per length and symbols by code.
    function code(lengths) {
      var count = new Uint16Array(16), offs = new Uint16Array(16), sym = new Uint16Array(lengths.length);
      for (var i = 0; i < lengths.length; i++) count[lengths[i]]++;
      count[0] = 0;
      for (i = 1; i < 16; i++) offs[i] = offs[i - 1] + count[i - 1];
      for (i = 0; i < lengths.length; i++) if (lengths[i]) sym[offs[lengths[i]]++] = i;
      return { count: count, sym: sym };
    }
    function decode(h) {
      var c = 0, first = 0, index = 0;
      for (var len = 1; len < 16; len++) {
        c |= take(1);
        var k = h.count[len];
        if (c - first < k) return h.sym[index + c - first];
        index += k;
        first = (first + k) << 1;
        c <<= 1;
      }
      throw new Error("bad deflate code");
    }
    var LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
    var LEXT = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
    var DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];
    var DEXT = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
    var ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];
    var last;
    do {
      last = take(1);
      var type = take(2);
      if (type === 0) {
        // To the byte boundary: whole bytes still in the bit buffer go back.
        pos -= bits >> 3;
        bit = 0; bits = 0;
        var len = src[pos] | (src[pos + 1] << 8);
        pos += 4;
        if (pos + len > src.length) throw new Error("deflate data ends early");
        room(len);
        out.set(src.subarray(pos, pos + len), n);
        n += len; pos += len;
        continue;
      }
      var lit, dist, i;
      if (type === 1) {
        var l = new Uint8Array(288);
        for (i = 0; i < 288; i++) l[i] = i < 144 ? 8 : i < 256 ? 9 : i < 280 ? 7 : 8;
        lit = code(l);
        var d = new Uint8Array(30);
        d.fill(5);
        dist = code(d);
      } else if (type === 2) {
        var hlit = take(5) + 257, hdist = take(5) + 1, hclen = take(4) + 4;
        var cl = new Uint8Array(19);
        for (i = 0; i < hclen; i++) cl[ORDER[i]] = take(3);
        var clc = code(cl), lens = new Uint8Array(hlit + hdist);
        for (i = 0; i < hlit + hdist;) {
          var s = decode(clc);
          if (s < 16) lens[i++] = s;
          else {
            var rep = s === 16 ? 3 + take(2) : s === 17 ? 3 + take(3) : 11 + take(7);
            var v = s === 16 ? lens[i - 1] : 0;
            if (s === 16 && i === 0) throw new Error("bad deflate lengths");
            while (rep--) lens[i++] = v;
          }
        }
        lit = code(lens.subarray(0, hlit));
        dist = code(lens.subarray(hlit));
      } else throw new Error("bad deflate block type");
      for (;;) {
        var sym = decode(lit);
        if (sym < 256) { room(1); out[n++] = sym; }
        else if (sym === 256) break;
        else {
          sym -= 257;
          if (sym >= 29) throw new Error("bad deflate length");
          var length = LBASE[sym] + take(LEXT[sym]);
          var ds = decode(dist);
          if (ds >= 30) throw new Error("bad deflate distance");
          var back = DBASE[ds] + take(DEXT[ds]);
          if (back > n) throw new Error("bad deflate distance");
          room(length);
          for (var k = 0; k < length; k++, n++) out[n] = out[n - back];
        }
      }
    } while (!last);
    return out.subarray(pre, n);
  }
  // Inflates raw deflate bytes: with the browser's DecompressionStream where there is one.
  function inflate(bytes) {
    if (typeof DecompressionStream === "undefined") {
      try { return Promise.resolve(inflateJs(bytes)); } catch (e) { return Promise.reject(e); }
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }
  var decoder = new TextDecoder();

  // `base` is the URL of search/. Every file but the manifest is named by a tag of its bytes,
  // found through the files above it (the manifest names the name tables of the dictionary
  // shards and fragment packs; a dictionary entry names its posting pack), so files of two
  // builds are never mixed; the manifest itself is fetched past the cache.
  function Index(base) {
    this.base = base;
    this.cache = {};
    this.fetched = [];
    this.members = [];
    this.manifest = null;
  }
  Index.prototype.file = function (path, json) {
    var self = this;
    if (!this.cache[path]) {
      var init = path === "manifest.json" ? { cache: "no-cache" } : {};
      this.cache[path] = fetch(this.base + path, init).then(function (r) {
        if (!r.ok) throw new Error("search/" + path + ": HTTP " + r.status);
        return (json ? r.text() : r.arrayBuffer()).then(function (body) {
          var size = json ? encoder.encode(body).length : body.byteLength;
          self.fetched.push([path, size]);
          return json ? JSON.parse(body) : checkMagic(path, new Uint8Array(body));
        });
      });
      this.cache[path].catch(function () { delete self.cache[path]; });
    }
    return this.cache[path];
  };
  Index.prototype.load = function () {
    var self = this;
    return this.file("manifest.json", true).then(function (m) {
      if (!m || m.v !== 4) throw new Error("search/manifest.json: not an index of format 4");
      self.manifest = m;
      return m;
    });
  };
  // The tag (8 hex digits) of file `n` of a numbered kind ("d" dictionary shards, "f"
  // fragment packs), from its name table.
  Index.prototype.tag = function (kind, n) {
    var m = this.manifest, k = Math.floor(n / m.table);
    return this.file("n/" + kind + k + "." + m[kind][k] + ".bin").then(function (b) {
      return hexTag(b, 4 + (n % m.table) * 4);
    });
  };
  function hexTag(b, at) {
    var s = "";
    for (var k = 0; k < 4; k++) s += ("0" + b[at + k].toString(16)).slice(-2);
    return s;
  }
  Index.prototype.year = function (id) {
    var slot = Math.floor(id / this.manifest.slot);
    var ys = this.manifest.years;
    for (var i = 0; i < ys.length; i++) if (slot >= ys[i][1] && slot < ys[i][2]) return ys[i][0];
    return 0;
  };

  // A segment's matching records: parallel arrays, ids ascending; h is 1 for a heading hit.
  function Matches() {
    this.ids = [];
    this.tf = [];
    this.h = [];
  }
  Matches.prototype.push = function (id, tf, h) {
    this.ids.push(id);
    this.tf.push(tf);
    this.h.push(h ? 1 : 0);
  };
  var NONE = new Matches();
  // Record list of a term (see src/search/index.rs): v(delta << 1 | more) [v((tf - 1) << 1 | heading)].
  function decodeDocs(n, block) {
    var out = new Matches();
    var st = { i: 0 }, id = 0;
    for (var k = 0; k < n; k++) {
      var v = varint(block, st);
      id += Math.floor(v / 2);
      if (v % 2 === 1) {
        var w = varint(block, st);
        out.push(id, Math.floor(w / 2) + 1, w % 2 === 1);
      } else out.push(id, 1, false);
    }
    return out;
  }
  // The dictionary entry of `term` in shard `b`: {term, n, dlen, plen, docs, pos} with the
  // postings inline, or {term, n, dlen, plen, pack, tag, offset, clen}; null when absent.
  function findEntry(b, term, inlineMax) {
    if (!b) return null;
    var t = encoder.encode(term);
    var st = { i: 4 };
    while (st.i < b.length) {
      var len = varint(b, st);
      var at = st.i;
      st.i += len;
      var n = varint(b, st), dlen = varint(b, st), plen = varint(b, st);
      var inline = dlen + plen <= inlineMax;
      var e = null;
      if (sameBytes(b, at, len, t)) e = { term: term, n: n, dlen: dlen, plen: plen };
      if (inline) {
        if (e) {
          e.docs = b.subarray(st.i, st.i + dlen);
          e.pos = b.subarray(st.i + dlen, st.i + dlen + plen);
        }
        st.i += dlen + plen;
      } else {
        // v(pack << 1 | split) tag v(offset) v(clen): docs and positions together, or, when
        // split, the docs alone and the positions' location after it.
        var loc = [];
        var pk = varint(b, st), split = pk % 2;
        for (var k = 0; k <= split; k++) {
          var pack = k === 0 ? Math.floor(pk / 2) : varint(b, st), tag = hexTag(b, st.i);
          st.i += 4;
          loc.push({ path: "p/" + pack + "." + tag + ".bin", offset: varint(b, st), clen: varint(b, st) });
        }
        if (e) { e.loc = loc[0]; e.posLoc = split ? loc[1] : null; }
      }
      if (e) return e;
    }
    return null;
  }
  // Offsets of the trigrams that verify a run: first and last in, consecutive ones at most 3
  // apart, least total cost (ties: the smaller previous offset). Same as query.rs `cover`.
  function cover(costs) {
    var n = costs.length, best = [], from = [];
    for (var o = 0; o < n; o++) {
      best[o] = costs[o];
      if (o > 0) {
        var prev = -1;
        for (var q = Math.max(0, o - 3); q < o; q++) if (prev < 0 || best[q] < best[prev]) prev = q;
        best[o] += best[prev];
        from[o] = prev;
      }
    }
    var out = [n - 1];
    while (out[out.length - 1] > 0) out.push(from[out[out.length - 1]]);
    return out.reverse();
  }
  // Sorted ids of `a` that are also in `b` (both ascending).
  function commonIds(a, b) {
    var out = [], j = 0;
    for (var i = 0; i < a.length; i++) {
      while (j < b.length && b[j] < a[i]) j++;
      if (j < b.length && b[j] === a[i]) out.push(a[i]);
    }
    return out;
  }
  Index.prototype.shard = function (term) {
    return (fnv(term) % this.manifest.buckets).toString(16);
  };
  Index.prototype.entry = function (term) {
    var self = this, max = this.manifest.inline, b = fnv(term) % this.manifest.buckets;
    return this.tag("d", b).then(function (tag) {
      return self.file("d/" + b.toString(16) + "." + tag + ".bin");
    }).then(function (bytes) { return findEntry(bytes, term, max); });
  };
  // A member of a posting pack, inflated: `want` bytes, or the pack is not what the dictionary
  // says.
  Index.prototype.member = function (term, loc, want) {
    if (!loc.inflated) {
      // Listed so that tests can inflate the same bytes both ways.
      this.members.push([loc.path, loc.offset, loc.clen]);
      loc.inflated = this.file(loc.path).then(function (b) {
        return inflate(b.subarray(loc.offset, loc.offset + loc.clen));
      }).then(function (all) {
        if (all.length !== want) throw new Error("search/" + loc.path + ": postings of " + term + " are " + all.length + " bytes, not " + want);
        return all;
      });
    }
    return loc.inflated;
  };
  Index.prototype.docs = function (e) {
    if (e.docs) return Promise.resolve(decodeDocs(e.n, e.docs));
    return this.member(e.term, e.loc, e.posLoc ? e.dlen : e.dlen + e.plen).then(function (all) { return decodeDocs(e.n, all.subarray(0, e.dlen)); });
  };
  Index.prototype.positions = function (e) {
    if (e.pos) return Promise.resolve(e.pos);
    if (e.posLoc) return this.member(e.term, e.posLoc, e.plen);
    return this.member(e.term, e.loc, e.dlen + e.plen).then(function (all) { return all.subarray(e.dlen); });
  };
  Index.prototype.latin = function () {
    return this.file("latin." + this.manifest.latin + ".json", true);
  };
  // Records with a word of the text beginning with the Latin word or number `w`.
  Index.prototype.word = function (w) {
    var self = this;
    return this.latin().then(function (latin) {
      // [[key, tag]]: a key ending in "_" holds only the word equal to it without "_".
      var leaf = null;
      latin.forEach(function (kt) {
        var k = kt[0];
        if (k.charAt(k.length - 1) !== "_" && w.indexOf(k) === 0 && (!leaf || k.length > leaf.length)) leaf = k;
      });
      var keys = latin.filter(function (kt) {
        return kt[0].replace(/_$/, "").indexOf(w) === 0 || kt[0] === leaf;
      });
      return Promise.all(keys.map(function (kt) { return self.file("l/" + kt[0] + "." + kt[1] + ".bin"); }));
    }).then(function (files) {
      var wb = encoder.encode(w);
      var docs = new Map();
      files.forEach(function (b) {
        var st = { i: 4 };
        while (st.i < b.length) {
          var len = varint(b, st);
          var at = st.i;
          st.i += len;
          var n = varint(b, st);
          var blen = varint(b, st);
          var from = st.i;
          st.i += blen;
          if (!startsWithBytes(b, at, len, wb)) continue;
          var m = decodeDocs(n, b.subarray(from, from + blen));
          for (var k = 0; k < m.ids.length; k++) {
            var e = docs.get(m.ids[k]) || [0, 0];
            docs.set(m.ids[k], [e[0] + m.tf[k], e[1] | m.h[k]]);
          }
        }
      });
      var out = new Matches();
      Array.from(docs.keys()).sort(function (a, b) { return a - b; }).forEach(function (id) {
        var e = docs.get(id);
        out.push(id, e[0], e[1]);
      });
      return out;
    });
  };
  // Records holding the run of chars as a substring: its own term up to three chars, else the
  // cheapest covering trigrams, intersected, then verified with their positions.
  Index.prototype.chars = function (run) {
    var self = this;
    var n = run.length;
    if (n <= 3) {
      return this.entry(run.join("")).then(function (e) { return e ? self.docs(e) : NONE; });
    }
    var tris = [];
    for (var o = 0; o + 3 <= n; o++) tris.push(run.slice(o, o + 3).join(""));
    var chosen, lists, cand;
    return Promise.all(tris.map(function (t) { return self.entry(t); })).then(function (entries) {
      if (entries.some(function (e) { return !e; })) return NONE;
      chosen = cover(entries.map(function (e) { return e.dlen + e.plen; })).map(function (o) { return [o, entries[o]]; });
      return Promise.all(chosen.map(function (c) { return self.docs(c[1]); })).then(function (ls) {
        lists = ls;
        cand = lists[0].ids;
        for (var k = 1; k < lists.length; k++) cand = commonIds(cand, lists[k].ids);
        if (cand.length === 0) return NONE;
        return Promise.all(chosen.map(function (c) { return self.positions(c[1]); })).then(verify);
      });
    });
    // Positions of each chosen trigram in the candidates, then the occurrences of the run.
    function verify(blocks) {
      var pos = blocks.map(function (block, k) {
        var l = lists[k], st = { i: 0 }, c = 0, mp = new Map();
        for (var d = 0; d < l.ids.length; d++) {
          while (c < cand.length && cand[c] < l.ids[d]) c++;
          var keep = c < cand.length && cand[c] === l.ids[d];
          var p = 0, v = keep ? new Set() : null;
          for (var x = 0; x < l.tf[d]; x++) {
            p += varint(block, st);
            if (v) v.add(p);
          }
          if (v) mp.set(l.ids[d], v);
        }
        return mp;
      });
      var out = new Matches();
      cand.forEach(function (id) {
        var tf = 0, h = false;
        pos[0].get(id).forEach(function (p) {
          for (var k = 1; k < chosen.length; k++) if (!pos[k].get(id).has(p + chosen[k][0])) return;
          tf++;
          if (p < BODY) h = true;
        });
        if (tf > 0) out.push(id, tf, h);
      });
      return out;
    }
  };
  Index.prototype.segment = function (seg) {
    return seg.word !== undefined ? this.word(seg.word) : this.chars(seg.chars);
  };
  // Ranked hits [{id, heading, tf, year}] of a query.
  Index.prototype.search = function (query) {
    var self = this;
    var segs = segments(query);
    if (segs.length === 0) return Promise.resolve([]);
    return this.load().then(function () {
      return Promise.all(segs.map(function (s) { return self.segment(s); }));
    }).then(function (all) {
      all.sort(function (a, b) { return a.ids.length - b.ids.length; });
      // Start from the smallest; every other segment must hold the record too.
      var ids = all[0].ids, tf = all[0].tf.slice(), heading = all[0].h.slice();
      for (var k = 1; k < all.length && ids.length; k++) {
        var m = all[k], j = 0, ni = [], nt = [], nh = [];
        for (var i = 0; i < ids.length; i++) {
          while (j < m.ids.length && m.ids[j] < ids[i]) j++;
          if (j < m.ids.length && m.ids[j] === ids[i]) {
            ni.push(ids[i]);
            nt.push(tf[i] + m.tf[j]);
            nh.push(heading[i] + m.h[j]);
          }
        }
        ids = ni;
        tf = nt;
        heading = nh;
      }
      var hits = ids.map(function (id, i) { return { id: id, heading: heading[i], tf: tf[i], year: self.year(id) }; });
      hits.sort(function (a, b) {
        return b.heading - a.heading || b.tf - a.tf || b.year - a.year || a.id - b.id;
      });
      return hits;
    });
  };
  Index.prototype.slots = function () {
    return this.file("slots." + this.manifest.slots + ".json", true);
  };
  // The departments a department filter's text names: the one whose id or name it is, else
  // every one whose id or name contains it (the filter is a text field, so that the page does
  // not list every department; the list of suggestions comes from slots.json on demand).
  function departmentsNamed(slots, text) {
    var want = text.trim();
    var exact = {}, some = {}, any = false;
    slots.departments.forEach(function (d, i) {
      if (d[0] === want || d[1] === want) { exact[i] = true; any = true; }
      else if (d[0].indexOf(want) >= 0 || d[1].indexOf(want) >= 0) some[i] = true;
    });
    return any ? exact : some;
  }
  Index.prototype.filter = function (hits, f) {
    var m = this.manifest;
    var department = (f.department || "").trim();
    var need = department ? this.slots() : Promise.resolve(null);
    return need.then(function (slots) {
      var deps = slots ? departmentsNamed(slots, department) : {};
      return hits.filter(function (h) {
        if (f.year && String(h.year) !== String(f.year)) return false;
        if (f.section && m.sections[h.id % m.slot] !== f.section) return false;
        if (department && (!slots || !deps[slots.slots[Math.floor(h.id / m.slot)]])) return false;
        return true;
      });
    });
  };
  // The preset dictionary of the fragment packs (z.<tag>.bin, itself deflated without one).
  Index.prototype.dictionary = function () {
    if (!this.cache.dictionary) {
      var self = this;
      this.cache.dictionary = this.file("z." + this.manifest.z + ".bin").then(function (b) { return inflate(b.subarray(4)); });
      this.cache.dictionary.catch(function () { delete self.cache.dictionary; });
    }
    return this.cache.dictionary;
  };
  // The fragment of a slot: its records (a report's sections with content, in order), each
  // {u, t, h, d, y, s, x}; from its fragment pack (a report's own, or shared by 64 pages).
  Index.prototype.fragment = function (slot) {
    var self = this, m = this.manifest;
    var pack = slot < m.department_slots ? slot : m.department_slots + Math.floor((slot - m.department_slots) / m.pack);
    var first = slot < m.department_slots ? slot : m.department_slots + (pack - m.department_slots) * m.pack;
    if (!this.cache["pack " + pack]) {
      this.cache["pack " + pack] = Promise.all([this.tag("f", pack), this.dictionary()]).then(function (got) {
        var path = "f/" + pack + "." + got[0] + ".bin";
        // Always search.js's own inflate: DecompressionStream takes no preset dictionary.
        return self.file(path).then(function (b) { return inflateJs(b.subarray(4), got[1]); }).then(function (json) {
          return JSON.parse(decoder.decode(json));
        });
      });
      this.cache["pack " + pack].catch(function () { delete self.cache["pack " + pack]; });
    }
    return this.cache["pack " + pack].then(function (slots) { return slots[slot - first] || []; });
  };
  // One record, from its slot's fragment.
  Index.prototype.record = function (id) {
    var key = this.manifest.sections[id % this.manifest.slot];
    return this.fragment(Math.floor(id / this.manifest.slot)).then(function (recs) {
      return (recs || []).find(function (r) { return r.s === key; }) || null;
    });
  };
  // Ranked hits grouped per slot (report or page), groups in the order of their best hit,
  // each group's hits in ranking order: [{slot, hits: [...]}].
  function groups(hits, slotSize) {
    var out = [], at = {};
    hits.forEach(function (h) {
      var slot = Math.floor(h.id / slotSize);
      if (at[slot] === undefined) {
        at[slot] = out.length;
        out.push({ slot: slot, hits: [] });
      }
      out[at[slot]].hits.push(h);
    });
    return out;
  }

  // ---- excerpts ----
  // Ranges [start, end) of normalised chars matching the query's segments.
  function matchRanges(norm, segs) {
    var out = [];
    var chars = norm.chars;
    segs.forEach(function (s) {
      var needle = s.chars || Array.from(s.word);
      for (var i = 0; i + needle.length <= chars.length; i++) {
        if (s.word !== undefined && i > 0 && isWordChar(chars[i - 1])) continue;
        var ok = true;
        for (var k = 0; k < needle.length; k++) if (chars[i + k] !== needle[k]) { ok = false; break; }
        if (ok) out.push([i, i + needle.length]);
      }
    });
    out.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    return out;
  }
  // Appends `text` to `el` with the query's matches in <mark>; `window` > 0 cuts an excerpt of
  // about that many characters around the first match.
  function highlight(el, text, segs, window) {
    var norm = normalize(text);
    var ranges = matchRanges(norm, segs).map(function (r) {
      return [norm.map[r[0]], norm.map[r[1] - 1] + 1];
    });
    var src = norm.source;
    var from = 0, to = src.length;
    if (window > 0 && src.length > window) {
      var first = ranges.length ? ranges[0][0] : 0;
      from = Math.max(0, first - Math.floor(window / 3));
      to = Math.min(src.length, from + window);
      from = Math.max(0, to - window);
    }
    var at = from;
    if (from > 0) el.appendChild(document.createTextNode("…"));
    ranges.forEach(function (r) {
      if (r[0] < at || r[1] > to) return;
      if (r[0] > at) el.appendChild(document.createTextNode(src.slice(at, r[0]).join("")));
      var mark = document.createElement("mark");
      mark.textContent = src.slice(r[0], r[1]).join("");
      el.appendChild(mark);
      at = r[1];
    });
    if (to > at) el.appendChild(document.createTextNode(src.slice(at, to).join("")));
    if (to < src.length) el.appendChild(document.createTextNode("…"));
  }

  // ---- page ----
  var api = {
    normalize: function (t) { return normalize(t).chars.join(""); },
    inflate: inflate,
    inflateJs: inflateJs,
    segments: segments,
    groups: groups,
    Index: Index,
  };
  window.jixiaoSearch = api;

  var box = document.getElementById("search");
  if (!box) return;
  // Reports (or pages) shown per page of results, each with its matching sections. Each needs
  // its fragment (the report's section texts), so ten keep a first query's download small;
  // "more" fetches the next ten.
  var PAGE = 10;
  var index = new Index(box.getAttribute("data-index"));
  api.index = index;
  var root = box.getAttribute("data-root");
  var form = box.querySelector("form");
  form.hidden = false;
  var input = document.getElementById("search-q");
  var selects = {
    year: document.getElementById("search-year"),
    department: document.getElementById("search-department"),
    section: document.getElementById("search-section"),
  };
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var sectionNames = {};
  Array.prototype.forEach.call(selects.section.options, function (o) { sectionNames[o.value] = o.textContent; });
  function text(key, n) {
    return (box.getAttribute("data-" + key) || "").replace("{count}", String(n));
  }

  var seq = 0, shown = 0, current = [], currentSegs = [];
  function params() {
    return {
      q: input.value,
      year: selects.year.value,
      department: selects.department.value,
      section: selects.section.value,
    };
  }
  function updateUrl(p) {
    var u = new URL(window.location.href);
    ["q", "year", "department", "section"].forEach(function (k) {
      if (p[k]) u.searchParams.set(k, p[k]);
      else u.searchParams.delete(k);
    });
    window.history.replaceState(null, "", u.toString());
  }
  // One group: the report's (or page's) title linking to its first matching section, its
  // department and year, then a list of the matching sections, each a link with the section's
  // name and an excerpt with the matches in <mark>. All text goes in as text nodes.
  function groupItem(g, recs) {
    var byKey = {};
    recs.forEach(function (r) { byKey[r.s] = r; });
    var shownHits = g.hits.filter(function (h) { return byKey[index.manifest.sections[h.id % index.manifest.slot]]; });
    if (!shownHits.length) return null;
    var firstRec = byKey[index.manifest.sections[shownHits[0].id % index.manifest.slot]];
    var li = document.createElement("li");
    li.className = "search-result";
    li.setAttribute("data-slot", String(g.slot));
    var h = document.createElement("h2");
    var a = document.createElement("a");
    a.href = root + firstRec.u;
    highlight(a, firstRec.t, currentSegs, 0);
    h.appendChild(a);
    li.appendChild(h);
    var meta = document.createElement("p");
    meta.className = "search-meta";
    var parts = [];
    if (firstRec.d) parts.push(firstRec.d);
    if (firstRec.y) parts.push(text("year", 0).replace("{year}", String(firstRec.y)));
    meta.textContent = parts.join(" · ");
    li.appendChild(meta);
    var ul = document.createElement("ul");
    ul.className = "search-sections";
    ul.setAttribute("aria-label", firstRec.t);
    shownHits.forEach(function (hit) {
      var r = byKey[index.manifest.sections[hit.id % index.manifest.slot]];
      var item = document.createElement("li");
      item.className = "search-section";
      item.setAttribute("data-id", String(hit.id));
      var link = document.createElement("a");
      link.href = root + r.u;
      link.className = "search-section-link";
      var name = r.h && r.h !== r.t ? r.h : sectionNames[r.s] || r.h || r.t;
      highlight(link, name, currentSegs, 0);
      item.appendChild(link);
      var ex = document.createElement("p");
      ex.className = "search-excerpt";
      highlight(ex, r.x, currentSegs, 160);
      item.appendChild(ex);
      ul.appendChild(item);
    });
    li.appendChild(ul);
    return li;
  }
  function showMore(mine) {
    var slice = current.slice(shown, shown + PAGE);
    shown += slice.length;
    more.hidden = shown >= current.length;
    return Promise.all(slice.map(function (g) { return index.fragment(g.slot); })).then(function (frags) {
      if (mine !== seq) return;
      frags.forEach(function (recs, k) {
        var li = recs && groupItem(slice[k], recs);
        if (li) list.appendChild(li);
      });
    });
  }
  // Suggestions for the department filter, loaded the first time it is used.
  var departmentList = document.getElementById("search-departments");
  function loadDepartments() {
    if (!departmentList || departmentList.childNodes.length || location.protocol === "file:") return;
    index.load().then(function () { return index.slots(); }).then(function (slots) {
      if (!slots || departmentList.childNodes.length) return;
      slots.departments.forEach(function (d) {
        var o = document.createElement("option");
        o.value = d[0];
        o.label = d[1];
        o.textContent = d[1];
        departmentList.appendChild(o);
      });
    }).catch(function () {});
  }
  function run() {
    var mine = ++seq;
    var p = params();
    updateUrl(p);
    var segs = segments(p.q);
    if (segs.length === 0) {
      list.textContent = "";
      more.hidden = true;
      status.textContent = "";
      box.removeAttribute("data-state");
      return Promise.resolve();
    }
    // A page opened from disk cannot fetch the index (browsers refuse file:// requests): say
    // what search needs instead of "try again later", which would never come true.
    if (location.protocol === "file:") {
      status.textContent = text("needs-server", 0) || text("error", 0);
      box.setAttribute("data-state", "no-server");
      return Promise.resolve();
    }
    status.textContent = text("loading", 0);
    box.setAttribute("data-state", "loading");
    return index
      .search(p.q)
      .then(function (hits) { return index.filter(hits, p); })
      .then(function (hits) {
        if (mine !== seq) return;
        current = groups(hits, index.manifest.slot);
        currentSegs = segs;
        shown = 0;
        list.textContent = "";
        status.textContent = hits.length ? text("count", hits.length) : text("none", 0);
        return showMore(mine);
      })
      .then(function () {
        if (mine === seq) box.setAttribute("data-state", "done");
      })
      .catch(function (e) {
        if (mine !== seq) return;
        status.textContent = text("error", 0);
        box.setAttribute("data-state", "error");
        if (window.console) console.error(e);
      });
  }
  api.run = run;
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    seq++;
    box.setAttribute("data-state", "pending");
    timer = setTimeout(run, 200);
  });
  Object.keys(selects).forEach(function (k) { selects[k].addEventListener("change", run); });
  selects.department.addEventListener("focus", loadDepartments);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(timer);
    run();
  });
  more.addEventListener("click", function () {
    var first = list.children.length;
    showMore(seq).then(function () {
      var next = list.children[first];
      if (next) {
        var a = next.querySelector("a");
        if (a) a.focus();
      }
    });
  });
  var initial = new URL(window.location.href).searchParams;
  input.value = initial.get("q") || "";
  Object.keys(selects).forEach(function (k) { selects[k].value = initial.get(k) || ""; });
  if (input.value) run();
})();
