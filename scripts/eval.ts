/**
 * `npm run eval -- <dir> [--out report.json] [--export <dir>] [--baseline file.json]`
 *
 * For each `<name>.html` in <dir> (not `*.frame.html`): serve it at the `url` of its truth file by request
 * interception (else on loopback), frames from a second origin via `?frameBase=`; open it in a fresh
 * profile with the built extension; wait for `window.__fixtureDone` (or 2 s after load when the page never
 * sets it); let the extension work on its own; press capture as a user does; read back what the extension
 * stored; write one report entry per page and score against the truth files (DESIGN.md §5).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { EXTENSION_DIR } from './lib/chromium.ts';
import { runEval } from './lib/eval-run.ts';
import { figuresOf, regressions, type ScoreFigures } from './lib/score.ts';

interface Args {
  dir: string;
  out: string | null;
  exportDir: string | null;
  baseline: string | null;
  headed: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { dir: '', out: null, exportDir: null, baseline: null, headed: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out') {
      args.out = argv[++i] ?? null;
    } else if (arg === '--export') {
      args.exportDir = argv[++i] ?? null;
    } else if (arg === '--baseline') {
      args.baseline = argv[++i] ?? null;
    } else if (arg === '--headed') {
      args.headed = true;
    } else if (arg !== undefined && !arg.startsWith('--')) {
      args.dir = arg;
    }
  }
  if (args.dir === '') {
    console.error('usage: npm run eval -- <dir> [--out report.json] [--export <dir>] [--baseline file.json]');
    process.exit(2);
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) {
    execSync('npx wxt build', { stdio: 'inherit' });
  }
  const { entries, scores } = await runEval({
    dir: args.dir,
    exportDir: args.exportDir,
    headed: args.headed,
    onPage: (entry) => {
      const e = entry as { file: string; detected: { order: boolean; chat: boolean }; orders: unknown[]; messages: unknown[]; timings: { captureMs: number }; errors: string[] };
      console.log(`${e.file}: order=${e.detected.order} (${e.orders.length}) chat=${e.detected.chat} (${e.messages.length} messages) capture=${e.timings.captureMs} ms${e.errors.length ? ` errors=${e.errors.join('; ')}` : ''}`);
    },
  });
  const report = { dir: args.dir, pages: entries, scores };
  if (args.out !== null) {
    await mkdir(path.dirname(path.resolve(args.out)), { recursive: true });
    await writeFile(args.out, JSON.stringify(report, null, 2));
  }
  for (const line of [...scores.fields.wrong, ...scores.messages.missing].slice(0, 60)) {
    console.log(`  miss: ${line}`);
  }
  const figures = figuresOf(scores);
  let failed: string[] = [];
  if (args.baseline !== null && existsSync(args.baseline)) {
    const all = JSON.parse(await readFile(args.baseline, 'utf8')) as Record<string, Partial<ScoreFigures>>;
    failed = regressions(figures, all[path.basename(path.resolve(args.dir))] ?? {});
  }
  const o = scores.orderPages;
  console.log(
    `eval ${path.basename(path.resolve(args.dir))}: ${scores.pages} pages · order F1 ${o.f1.toFixed(2)} (tp ${o.truePositive}, fp ${o.falsePositive}, fn ${o.falseNegative}) · fields ${(100 * scores.fields.accuracy).toFixed(1)}% (${scores.fields.right}/${scores.fields.total}) · messages ${scores.messages.found}/${scores.messages.expected}, roles ${scores.messages.roleRight}/${scores.messages.expected}, extra ${figures.extraMessages}${failed.length ? ` · BELOW BASELINE: ${failed.join('; ')}` : ''}`,
  );
  process.exit(failed.length > 0 ? 1 : 0);
}

await main();
