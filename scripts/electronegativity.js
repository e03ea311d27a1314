#!/usr/bin/env node
// The electronegativity gate (part of `npm test`): scans the Electron main-process sources
// (main/, TypeScript) together with the built renderer (renderer/dist, run `vite build` first) for
// Electron security anti-patterns, assuming Electron 45.5.0, writes a CSV report to
// test-results/electronegativity.csv, and FAILS on any HIGH or MEDIUM finding that is not listed
// in electronegativity-suppressions.json (each entry: check id, file, a one-line reason, who
// reviewed it). Runs offline: the tool's attempts to fetch translations fail harmlessly, and the
// one check that needs the network (AvailableSecurityFixesGlobalCheck: "is there a newer Electron
// with security fixes?") is excluded; keeping Electron current is a release-checklist item.
//
// The tool has one blind spot that matters here: when a BrowserWindow sets `sandbox`, it does not
// report `nodeIntegration: true` at all (it reasons that the sandbox disables Node). The gate adds
// its own HIGH check, STEWARD_UNSAFE_WEBPREFERENCE, for the settings that must never be weakened in
// this app (nodeIntegration*, contextIsolation, sandbox, webSecurity, insecure content, webviews,
// experimental features, @electron/remote), wherever they appear in the main-process sources.
// Options: --input <dir> scans a prepared folder instead (used to prove the gate fails).
'use strict';
const { spawnSync } = require('node:child_process');
const { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const root = join(__dirname, '..');
const ELECTRON_VERSION = '45.5.0';
const outDir = join(root, 'test-results');
const report = join(outDir, 'electronegativity.csv');
const suppressionsFile = join(root, 'electronegativity-suppressions.json');
const bin = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electronegativity.cmd' : 'electronegativity');

function fail(message) {
  process.stderr.write(`electronegativity gate: ${message}\n`);
  process.exit(1);
}

/** RFC 4180-style CSV (quoted fields may hold commas and doubled quotes); the tool pads with ', '. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field.trim()); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field.trim()); field = '';
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field.trim());
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/** main/ and renderer/dist side by side, as the packaged app has them, so global checks see both. */
function stageInput() {
  const stage = join(outDir, 'electronegativity-input');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  if (!existsSync(join(root, 'renderer', 'dist', 'index.html'))) fail("renderer/dist is missing: run 'npm run build:renderer' first.");
  cpSync(join(root, 'main'), join(stage, 'main'), { recursive: true });
  cpSync(join(root, 'renderer', 'dist'), join(stage, 'renderer', 'dist'), { recursive: true });
  cpSync(join(root, 'package.json'), join(stage, 'package.json'));
  return stage;
}

const UNSAFE = [
  [/\bnodeIntegration(InWorker|InSubFrames)?\s*:\s*(true|!0)\b/, 'Node.js integration turned on in a renderer'],
  [/\bcontextIsolation\s*:\s*(false|!1)\b/, 'context isolation turned off'],
  [/\bsandbox\s*:\s*(false|!1)\b/, 'renderer sandbox turned off'],
  [/\bwebSecurity\s*:\s*(false|!1)\b/, 'web security (same-origin policy) turned off'],
  [/\ballowRunningInsecureContent\s*:\s*(true|!0)\b/, 'insecure content allowed'],
  [/\bwebviewTag\s*:\s*(true|!0)\b/, '<webview> enabled'],
  [/\bexperimentalFeatures\s*:\s*(true|!0)\b/, 'experimental Chromium features enabled'],
  [/\benableRemoteModule\b|@electron\/remote/, 'remote module (hands the renderer main-process objects)'],
];

/** Settings that must never be weakened, found by line in the staged main-process sources. */
function supplementaryFindings(input) {
  const findings = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|js|mjs|cjs)$/.test(name)) {
        readFileSync(p, 'utf8').split('\n').forEach((text, i) => {
          for (const [re, what] of UNSAFE) {
            if (re.test(text)) {
              findings.push({ check: 'STEWARD_UNSAFE_WEBPREFERENCE', severity: 'HIGH', confidence: 'CERTAIN', file: relative(input, p).split('\\').join('/'), location: `${i + 1}:0`, description: `${what}: ${text.trim()}` });
            }
          }
        });
      }
    }
  };
  if (existsSync(join(input, 'main'))) walk(join(input, 'main'));
  return findings;
}

function loadSuppressions() {
  const data = JSON.parse(readFileSync(suppressionsFile, 'utf8'));
  const list = Array.isArray(data.suppressions) ? data.suppressions : [];
  for (const [i, s] of list.entries()) {
    if (!s.check || !s.file || !s.reason || !s.reviewedBy) {
      fail(`${relative(root, suppressionsFile)}: suppression #${i + 1} needs "check", "file", "reason" and "reviewedBy".`);
    }
  }
  return list;
}

function main() {
  if (!existsSync(bin)) fail("@doyensec/electronegativity is not installed: run 'npm ci'.");
  const inputArg = process.argv.indexOf('--input');
  const input = inputArg >= 0 ? process.argv[inputArg + 1] : stageInput();
  mkdirSync(outDir, { recursive: true });
  rmSync(report, { force: true });
  const r = spawnSync(bin, ['-i', input, '-e', ELECTRON_VERSION, '-r', '-o', report, '-x', 'AvailableSecurityFixesGlobalCheck'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'en-US' },
  });
  if (r.status !== 0 || !existsSync(report)) {
    process.stderr.write(r.stdout + r.stderr);
    fail(`the scan did not complete (exit ${r.status}); no report at ${relative(root, report)}.`);
  }
  const [header, ...rows] = parseCsv(readFileSync(report, 'utf8'));
  const col = (name) => header.indexOf(name);
  const [iCheck, iSev, iConf, iFile, iLoc, iDesc] = ['issue', 'severity', 'confidence', 'filename', 'location', 'description'].map(col);
  if ([iCheck, iSev, iFile].some((i) => i < 0)) fail(`unexpected report columns: ${header.join(', ')}`);

  const suppressions = loadSuppressions();
  const used = new Set();
  const blocking = [];
  const allowed = [];
  const toolFindings = rows.map((row) => ({ check: row[iCheck], severity: row[iSev], confidence: row[iConf], file: row[iFile], location: row[iLoc], description: row[iDesc] }));
  for (const finding of [...toolFindings, ...supplementaryFindings(input)]) {
    if (finding.severity !== 'HIGH' && finding.severity !== 'MEDIUM') continue;
    const s = suppressions.findIndex((x) => x.check === finding.check && x.file === finding.file);
    if (s >= 0) { used.add(s); allowed.push(finding); } else blocking.push(finding);
  }
  const line = (f) => `  ${f.severity} ${f.check} at ${f.file}:${f.location} — ${f.description}`;
  console.log(`electronegativity (Electron ${ELECTRON_VERSION}): ${rows.length} finding(s); report in ${relative(root, report)}`);
  if (allowed.length) console.log(`Suppressed after review (${relative(root, suppressionsFile)}):\n${allowed.map(line).join('\n')}`);
  suppressions.forEach((s, i) => {
    if (!used.has(i)) console.log(`  note: suppression of ${s.check} in ${s.file} matched nothing; remove it if the finding is gone for good.`);
  });
  if (blocking.length) {
    fail(`${blocking.length} HIGH/MEDIUM finding(s) not explained in ${relative(root, suppressionsFile)}:\n${blocking.map(line).join('\n')}\n` +
      'Fix them, or (after a security review) add a suppression with the check id, file and a one-line reason.');
  }
  console.log('electronegativity gate: passed (no unexplained HIGH or MEDIUM finding).');
}

main();
