#!/usr/bin/env node
'use strict';
// `npm run lint`: `n8n-node lint` (Cloud-strict, the default eslint.config.mjs) over exactly what
// n8n's verification scanner lints: package.json, nodes/ and credentials/. `n8n-node lint` runs
// `eslint .` and its config matches every *.ts file, so run in the repository it would also apply
// the published-node rules (no process, fs, timers or console) to the simulator, scripts and tests,
// which are dev tooling and need all three. So it runs in a staged copy of the published sources.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const PUBLISHED = ['package.json', 'eslint.config.mjs', 'tsconfig.json', 'nodes', 'credentials'];

const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-alipay-lint-'));
let status = 1;
try {
	for (const entry of PUBLISHED) fs.cpSync(path.join(ROOT, entry), path.join(stage, entry), { recursive: true });
	fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
	const bin = path.join(ROOT, 'node_modules', '.bin', 'n8n-node');
	const result = spawnSync(bin, ['lint', ...process.argv.slice(2)], { cwd: stage, encoding: 'utf8' });
	// Report paths as the repository's, not the stage's.
	const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.split(stage).join(ROOT);
	process.stdout.write(output);
	status = result.status ?? 1;
} finally {
	fs.rmSync(stage, { recursive: true, force: true });
}
process.exit(status);
