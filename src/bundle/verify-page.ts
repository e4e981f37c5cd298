/**
 * @module verify.html: an offline page that unzips a dropped pack with the inlined JSZip and recomputes every hash,
 * the manifest digest and the event chains. Its CSP allows exactly its two inline scripts (by hash) and no
 * network at all, so the page cannot fetch anything even if a browser would let file:// pages do so.
 */
import { JSZIP_MIN_JS } from '@/src/bundle/vendor/jszip-source';
import { VERIFY_PAGE_SCRIPT } from '@/src/bundle/verify-page-script';

async function cspHash(script: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(script)));
  let binary = '';
  for (const byte of digest) {
    binary += String.fromCharCode(byte);
  }
  return `'sha256-${btoa(binary)}'`;
}

const CSS = `
body{font:15px/1.6 "Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;max-width:860px;margin:24px auto;padding:0 16px;color:#111}
#drop{border:3px dashed #888;border-radius:10px;padding:40px 16px;text-align:center;background:#fafafa}
#drop.over{border-color:#06c;background:#eef5ff}
#summary{margin:18px 0;font-weight:700;font-size:16px}#summary.ok{color:#070}#summary.bad{color:#b00}
#result li{font-family:Consolas,"DejaVu Sans Mono",monospace;font-size:12.5px;word-break:break-all;color:#b00}
.note{color:#444;font-size:13px}`;

let cached: Promise<string> | null = null;

/** The verify.html page; identical in every pack (it holds no case data), so its hash is the same everywhere. */
export function renderVerifyHtml(): Promise<string> {
  cached ??= (async () => {
    const csp = `default-src 'none'; script-src ${await cspHash(JSZIP_MIN_JS)} ${await cspHash(VERIFY_PAGE_SCRIPT)}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
    return [
      '<!DOCTYPE html>',
      '<html lang="zh-CN">',
      '<head>',
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
      '<meta name="referrer" content="no-referrer">',
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      '<title>留证 证据包校验 / Evidence pack verifier</title>',
      `<style>${CSS}</style>`,
      '</head>',
      '<body>',
      '<h1>留证 证据包校验 <small>/ Evidence pack verifier</small></h1>',
      '<p class="note">把整个证据包 zip 文件拖到下面的方框里（或点击选择文件）。本页面完全离线运行，不会上传任何内容：它重新计算每个文件的 SHA-256、manifest.json 的摘要以及事件日志的哈希链，并与清单比对。<br>Drop the whole pack zip below (or pick it). This page works offline and uploads nothing: it recomputes every file’s SHA-256, the digest of manifest.json and the hash chain of the event log, and compares them with the manifest.</p>',
      '<div id="drop"><p>拖入证据包 zip / Drop the pack zip here</p><input type="file" id="file" accept=".zip,application/zip"></div>',
      '<p id="summary"></p>',
      '<ul id="result"></ul>',
      '<p class="note">校验通过说明文件自导出以来未被改动；它不能证明取证之前页面内容的真实性。/ A pass shows the files are unchanged since export; it cannot prove what the page showed before capture.</p>',
      `<script>${JSZIP_MIN_JS}</script>`,
      `<script>${VERIFY_PAGE_SCRIPT}</script>`,
      '</body>',
      '</html>',
      '',
    ].join('\n');
  })();
  return cached;
}
