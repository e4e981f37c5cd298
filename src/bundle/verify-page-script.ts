/**
 * @module The script inside verify.html, as source text. It must run offline in any current browser with no
 * build step, so it is plain JavaScript held in a string; tests evaluate this exact text next to JSZip and
 * compare its results with {@link verifyPack} and `verifyEventChain` (same canonicalisation, same messages).
 * It exposes `LiuzhengVerifier` { canonicalJson, sha256Hex, verifyChain, verifyZip } on its global object.
 */

/** JavaScript of the verifier; free of `</script` and `<!--`, so it can be inlined in HTML as is. */
export const VERIFY_PAGE_SCRIPT = String.raw`(function (root) {
  'use strict';
  var GENESIS = '0000000000000000000000000000000000000000000000000000000000000000';
  var SAFE_PATH = /^(?:[A-Za-z0-9][A-Za-z0-9._-]*\/)*[A-Za-z0-9][A-Za-z0-9._-]*$/;
  var RESERVED = /^(?:con|prn|aux|nul|com[0-9\u00B9\u00B2\u00B3]|lpt[0-9\u00B9\u00B2\u00B3])$/i;
  var LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

  // RFC 8785 (JCS) for the JSON values events carry: keys sorted by UTF-16 code units, ES number formatting.
  function canonicalJson(value) {
    if (value === null) { return 'null'; }
    if (typeof value === 'boolean') { return value ? 'true' : 'false'; }
    if (typeof value === 'number') {
      if (!isFinite(value)) { throw new Error('non-finite number'); }
      return JSON.stringify(value);
    }
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) { throw new Error('lone surrogate'); }
      return JSON.stringify(value);
    }
    if (Array.isArray(value)) {
      return '[' + value.map(function (v) { return v === undefined ? 'null' : canonicalJson(v); }).join(',') + ']';
    }
    if (typeof value === 'object') {
      var keys = Object.keys(value).sort();
      var parts = [];
      for (var i = 0; i < keys.length; i++) {
        var v = value[keys[i]];
        if (v === undefined) { continue; }
        if (LONE_SURROGATE.test(keys[i])) { throw new Error('lone surrogate'); }
        parts.push(JSON.stringify(keys[i]) + ':' + canonicalJson(v));
      }
      return '{' + parts.join(',') + '}';
    }
    throw new Error('value is not JSON');
  }

  // SHA-256 in plain JavaScript (FIPS 180-4), used only where WebCrypto is unavailable (some browsers
  // withhold crypto.subtle from file:// pages). Constants are derived from the primes, as the standard defines them.
  var SHA_K = null;
  var SHA_H = null;
  function primes(n) {
    var out = [];
    for (var c = 2; out.length < n; c++) {
      var isPrime = true;
      for (var j = 0; j < out.length && out[j] * out[j] <= c; j++) { if (c % out[j] === 0) { isPrime = false; break; } }
      if (isPrime) { out.push(c); }
    }
    return out;
  }
  function frac32(x) { return Math.floor((x - Math.floor(x)) * 4294967296) >>> 0; }
  function sha256Js(bytes) {
    if (SHA_K === null) {
      var p = primes(64);
      SHA_K = p.map(function (q) { return frac32(Math.cbrt(q)); });
      SHA_H = p.slice(0, 8).map(function (q) { return frac32(Math.sqrt(q)); });
    }
    var bitLength = bytes.length * 8;
    var padded = new Uint8Array(((bytes.length + 9 + 63) >> 6) << 6);
    padded.set(bytes);
    padded[bytes.length] = 0x80;
    var view = new DataView(padded.buffer);
    view.setUint32(padded.length - 8, Math.floor(bitLength / 4294967296));
    view.setUint32(padded.length - 4, bitLength >>> 0);
    var h = SHA_H.slice();
    var w = new Uint32Array(64);
    for (var off = 0; off < padded.length; off += 64) {
      for (var t = 0; t < 16; t++) { w[t] = view.getUint32(off + t * 4); }
      for (t = 16; t < 64; t++) {
        var a15 = w[t - 15], a2 = w[t - 2];
        var s0 = ((a15 >>> 7) | (a15 << 25)) ^ ((a15 >>> 18) | (a15 << 14)) ^ (a15 >>> 3);
        var s1 = ((a2 >>> 17) | (a2 << 15)) ^ ((a2 >>> 19) | (a2 << 13)) ^ (a2 >>> 10);
        w[t] = (w[t - 16] + s0 + w[t - 7] + s1) >>> 0;
      }
      var A = h[0], B = h[1], C = h[2], D = h[3], E = h[4], F = h[5], G = h[6], H = h[7];
      for (t = 0; t < 64; t++) {
        var S1 = ((E >>> 6) | (E << 26)) ^ ((E >>> 11) | (E << 21)) ^ ((E >>> 25) | (E << 7));
        var ch = (E & F) ^ (~E & G);
        var t1 = (H + S1 + ch + SHA_K[t] + w[t]) >>> 0;
        var S0 = ((A >>> 2) | (A << 30)) ^ ((A >>> 13) | (A << 19)) ^ ((A >>> 22) | (A << 10));
        var maj = (A & B) ^ (A & C) ^ (B & C);
        var t2 = (S0 + maj) >>> 0;
        H = G; G = F; F = E; E = (D + t1) >>> 0; D = C; C = B; B = A; A = (t1 + t2) >>> 0;
      }
      h[0] = (h[0] + A) >>> 0; h[1] = (h[1] + B) >>> 0; h[2] = (h[2] + C) >>> 0; h[3] = (h[3] + D) >>> 0;
      h[4] = (h[4] + E) >>> 0; h[5] = (h[5] + F) >>> 0; h[6] = (h[6] + G) >>> 0; h[7] = (h[7] + H) >>> 0;
    }
    return h.map(function (x) { return ('00000000' + x.toString(16)).slice(-8); }).join('');
  }

  function toHex(buffer) {
    var bytes = new Uint8Array(buffer);
    var out = '';
    for (var i = 0; i < bytes.length; i++) { out += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16); }
    return out;
  }

  async function sha256Hex(input) {
    var bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
    var subtle = root.crypto && root.crypto.subtle;
    if (subtle) {
      try { return toHex(await subtle.digest('SHA-256', bytes)); } catch (e) { /* fall through to the JS digest */ }
    }
    return sha256Js(bytes);
  }

  // Mirrors verifyEventChain in src/store/chain.ts: same checks, same failure records.
  async function verifyChain(events, expectedHead) {
    var failures = [];
    var prev = GENESIS;
    var expectedSeq = 0;
    var caseId = events.length > 0 ? events[0].caseId : undefined;
    for (var i = 0; i < events.length; i++) {
      var e = events[i];
      if (e.caseId !== caseId) { failures.push({ seq: e.seq, problem: 'case-mismatch', detail: 'event belongs to case ' + e.caseId }); }
      if (e.seq !== expectedSeq) { failures.push({ seq: e.seq, problem: 'seq-gap', detail: 'expected seq ' + expectedSeq + ', found ' + e.seq }); }
      if (e.prevHash !== prev) { failures.push({ seq: e.seq, problem: 'prev-mismatch', detail: 'prevHash does not match the previous event' }); }
      var recomputed = await sha256Hex(canonicalJson({ caseId: e.caseId, seq: e.seq, type: e.type, at: e.at, data: e.data, prevHash: e.prevHash }));
      if (recomputed !== e.hash) { failures.push({ seq: e.seq, problem: 'hash-mismatch', detail: 'event content does not match its hash' }); }
      prev = e.hash;
      expectedSeq = e.seq + 1;
    }
    if (expectedHead !== undefined && prev !== expectedHead) {
      failures.push({ seq: expectedSeq, problem: 'prev-mismatch', detail: 'chain head differs from the recorded head (events missing at the end?)' });
    }
    return failures;
  }

  function isSafePath(path) {
    if (!SAFE_PATH.test(path) || path.length > 200) { return false; }
    return path.split('/').every(function (s) { return s !== '..' && s !== '.' && !RESERVED.test(s.split('.')[0]); });
  }
  function isHash(v) { return typeof v === 'string' && /^[0-9a-f]{64}$/.test(v); }
  function isEvent(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.caseId === 'string' && v.caseId.length > 0 &&
      typeof v.seq === 'number' && Math.floor(v.seq) === v.seq && v.seq >= 0 && typeof v.type === 'string' && v.type.length > 0 &&
      typeof v.at === 'string' && 'data' in v && isHash(v.prevHash) && isHash(v.hash);
  }
  function manifestProblem(m) {
    if (m === null || typeof m !== 'object' || m.formatVersion !== 1) { return 'unsupported formatVersion'; }
    if (!Array.isArray(m.files) || !Array.isArray(m.cases) || m.cases.length === 0 || !isHash(m.eventChainHead)) { return 'files, cases or eventChainHead missing'; }
    for (var i = 0; i < m.files.length; i++) {
      var f = m.files[i];
      if (f === null || typeof f !== 'object' || typeof f.path !== 'string' || !isSafePath(f.path) || !isHash(f.sha256) || typeof f.bytes !== 'number') { return 'bad file entry ' + i; }
    }
    for (var j = 0; j < m.cases.length; j++) {
      var c = m.cases[j];
      if (c === null || typeof c !== 'object' || typeof c.caseId !== 'string' || !isHash(c.eventChainHead)) { return 'bad case entry ' + j; }
    }
    return null;
  }

  // Same checks and messages as verifyPack in src/bundle/verify.ts.
  async function verifyZip(JSZip, data, onProgress) {
    var failures = [];
    var checked = 0;
    var zip;
    // Unzip tools refuse an entry whose CRC-32 is not that of its data, even if its SHA-256 matches the manifest.
    try { zip = await JSZip.loadAsync(data, { checkCRC32: true }); } catch (crcError) {
      try { zip = await JSZip.loadAsync(data); } catch (e) {
        return { ok: false, failures: ['zip: cannot be opened (' + (e && e.message ? e.message : String(e)) + ')'], checkedFiles: 0 };
      }
      failures.push("zip: an entry's CRC-32 does not match its data (" + (crcError && crcError.message ? crcError.message : String(crcError)) + ')');
    }
    var names = [];
    zip.forEach(function (path, entry) { if (!entry.dir) { names.push(entry.unsafeOriginalName || entry.name); } });
    names.forEach(function (name) { if (!isSafePath(name)) { failures.push(name + ': unsafe path in zip'); } });
    async function read(name) {
      var entry = zip.file(name);
      if (entry === null) { return null; }
      return await entry.async('uint8array');
    }
    var manifestBytes;
    try { manifestBytes = await read('manifest.json'); } catch (e) { manifestBytes = undefined; }
    if (manifestBytes === undefined || manifestBytes === null) {
      failures.push(manifestBytes === null ? 'manifest.json: missing from the zip' : 'manifest.json: cannot be read (corrupt data)');
      return { ok: false, failures: failures, checkedFiles: 0 };
    }
    checked++;
    var digestBytes = null;
    try { digestBytes = await read('manifest.json.sha256'); } catch (e) { digestBytes = null; }
    if (digestBytes === null) {
      failures.push('manifest.json.sha256: missing from the zip');
    } else {
      var recorded = (/^[0-9a-f]{64}/.exec(new TextDecoder().decode(digestBytes).trim()) || [''])[0];
      if (recorded !== await sha256Hex(manifestBytes)) { failures.push('manifest.json: SHA-256 does not match manifest.json.sha256'); }
    }
    var manifest;
    try { manifest = JSON.parse(new TextDecoder().decode(manifestBytes)); } catch (e) {
      failures.push('manifest.json: not valid JSON');
      return { ok: false, failures: failures, checkedFiles: checked };
    }
    var problem = manifestProblem(manifest);
    if (problem !== null) {
      failures.push('manifest.json: does not match pack format 1');
      return { ok: false, failures: failures, checkedFiles: checked };
    }
    var listed = {};
    var contents = {};
    for (var i = 0; i < manifest.files.length; i++) {
      var f = manifest.files[i];
      if (onProgress) { onProgress(i, manifest.files.length); }
      if (listed[f.path]) { failures.push(f.path + ': listed twice in the manifest'); continue; }
      listed[f.path] = true;
      var bytes;
      try { bytes = await read(f.path); } catch (e) { failures.push(f.path + ': cannot be read (corrupt data)'); continue; }
      if (bytes === null) { failures.push(f.path + ': missing from the zip'); continue; }
      checked++;
      if (bytes.length !== f.bytes) { failures.push(f.path + ': size differs from the manifest (expected ' + f.bytes + ' bytes, found ' + bytes.length + ')'); }
      var actual = await sha256Hex(bytes);
      if (actual !== f.sha256) { failures.push(f.path + ': SHA-256 mismatch (expected ' + f.sha256 + ', found ' + actual + ')'); }
      if (f.path === 'events.jsonl') { contents[f.path] = bytes; }
    }
    names.forEach(function (name) {
      if (!listed[name] && name !== 'manifest.json' && name !== 'manifest.json.sha256') { failures.push(name + ': not listed in the manifest'); }
    });

    var groups = {};
    var order = [];
    var eventsBytes = contents['events.jsonl'];
    if (eventsBytes === undefined) {
      failures.push('events.jsonl: event chain not checked (file missing or unreadable)');
    } else {
      var lines = new TextDecoder().decode(eventsBytes).split('\n');
      for (var n = 0; n < lines.length; n++) {
        if (lines[n].trim() === '') { continue; }
        var ev = null;
        try { ev = JSON.parse(lines[n]); } catch (e) { ev = null; }
        if (!isEvent(ev)) { failures.push('events.jsonl: line ' + (n + 1) + ' is not a valid event'); continue; }
        if (!groups[ev.caseId]) { groups[ev.caseId] = []; order.push(ev.caseId); }
        groups[ev.caseId].push(ev);
      }
      var known = {};
      for (var c = 0; c < manifest.cases.length; c++) {
        var summary = manifest.cases[c];
        known[summary.caseId] = true;
        var chainFailures;
        try { chainFailures = await verifyChain(groups[summary.caseId] || [], summary.eventChainHead); } catch (e) {
          failures.push('events.jsonl: case ' + summary.caseId + ': events cannot be canonicalised');
          continue;
        }
        chainFailures.forEach(function (cf) {
          failures.push('events.jsonl: case ' + summary.caseId + ' seq ' + cf.seq + ': ' + cf.problem + ' \u2014 ' + cf.detail);
        });
      }
      order.forEach(function (id) { if (!known[id]) { failures.push('events.jsonl: events of case ' + id + ' are not in the manifest'); } });
    }
    var head = manifest.cases.length === 1 ? manifest.cases[0].eventChainHead
      : await sha256Hex(canonicalJson(manifest.cases.map(function (s) { return { caseId: s.caseId, head: s.eventChainHead }; })));
    if (head !== manifest.eventChainHead) { failures.push('manifest.json: eventChainHead does not match the case chain heads'); }
    return { ok: failures.length === 0, failures: failures, checkedFiles: checked };
  }

  var api = { canonicalJson: canonicalJson, sha256Hex: sha256Hex, sha256Js: sha256Js, verifyChain: verifyChain, verifyZip: verifyZip };
  root.LiuzhengVerifier = api;

  var doc = root.document;
  if (!doc || !doc.getElementById || !doc.getElementById('drop')) { return; }
  var drop = doc.getElementById('drop');
  var input = doc.getElementById('file');
  var out = doc.getElementById('result');
  function line(text, cls) {
    var el = doc.createElement('li');
    el.textContent = text;
    if (cls) { el.className = cls; }
    out.appendChild(el);
  }
  async function run(file) {
    out.textContent = '';
    var summary = doc.getElementById('summary');
    summary.className = '';
    summary.textContent = '正在校验 / Checking: ' + file.name + ' …';
    try {
      var buffer = await file.arrayBuffer();
      var result = await verifyZip(root.JSZip, buffer, function (done, total) {
        summary.textContent = '正在校验 / Checking: ' + file.name + ' (' + done + '/' + total + ')';
      });
      if (result.ok) {
        summary.className = 'ok';
        summary.textContent = '✔ 校验通过：' + result.checkedFiles + ' 个文件的哈希、清单摘要和事件链均一致。 / All ' + result.checkedFiles + ' file hashes, the manifest digest and the event chain check out.';
      } else {
        summary.className = 'bad';
        summary.textContent = '✘ 校验失败：' + result.failures.length + ' 处问题（已检查 ' + result.checkedFiles + ' 个文件）。 / FAILED: ' + result.failures.length + ' problem(s) (' + result.checkedFiles + ' files checked).';
        result.failures.forEach(function (f) { line(f, 'bad'); });
      }
    } catch (e) {
      summary.className = 'bad';
      summary.textContent = '✘ 无法校验 / Cannot verify: ' + (e && e.message ? e.message : String(e));
    }
  }
  drop.addEventListener('dragover', function (e) { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', function () { drop.classList.remove('over'); });
  drop.addEventListener('drop', function (e) {
    e.preventDefault();
    drop.classList.remove('over');
    var file = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (file) { void run(file); }
  });
  input.addEventListener('change', function () { if (input.files && input.files[0]) { void run(input.files[0]); } });
})(typeof window !== 'undefined' ? window : globalThis);
`;
