#!/usr/bin/env node
'use strict';
// `npm run lint`, in two steps:
// 1. `n8n-node lint` (Cloud-strict, the default eslint.config.mjs) over exactly what n8n's
//    verification scanner lints: package.json, nodes/ and credentials/. `n8n-node lint` runs
//    `eslint .` and its config matches every *.ts file, so run in the repository it would also
//    apply the published-node rules (no process, fs, timers or console) to the simulator, scripts
//    and tests, which are dev tooling and need all three. So it runs in a staged copy of the
//    published sources.
// 2. n8n's verification scanner (@n8n/scan-community-package, pinned in scripts/scanner/) over the
//    two things verification lints: the sources (package.json, nodes/, credentials/) and the packed
//    tarball (its .js and package.json). The tarball is also linted with the scanner's default
//    patterns (every .js, .ts and .json), so a declaration file that breaks a rule is caught too.

const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { build, packAndUnpack } = require('./lib/package');

const ROOT = path.join(__dirname, '..');
const PUBLISHED = ['package.json', 'eslint.config.mjs', 'tsconfig.json', 'nodes', 'credentials'];
const SCANNER_DIR = path.join(__dirname, 'scanner');
const SCANNER_INSTALL = path.join(ROOT, 'node_modules', '.cache', 'n8n-scan-community-package');

function lintSources() {
	const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-alipay-lint-'));
	try {
		for (const entry of PUBLISHED) fs.cpSync(path.join(ROOT, entry), path.join(stage, entry), { recursive: true });
		fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(stage, 'node_modules'), 'dir');
		const bin = path.join(ROOT, 'node_modules', '.bin', 'n8n-node');
		const result = spawnSync(bin, ['lint', ...process.argv.slice(2)], { cwd: stage, encoding: 'utf8' });
		// Report paths as the repository's, not the stage's.
		const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.split(stage).join(ROOT);
		process.stdout.write(output);
		return result.status === 0;
	} finally {
		fs.rmSync(stage, { recursive: true, force: true });
	}
}

/**
 * Installs the pinned scanner from its own lock file into node_modules/.cache (not under scripts/,
 * where its third-party files would read as ours), once per lock file change.
 */
function ensureScanner() {
	const lock = fs.readFileSync(path.join(SCANNER_DIR, 'package-lock.json'), 'utf8');
	const stamp = path.join(SCANNER_INSTALL, 'lock-copy.json');
	if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === lock) return;
	fs.rmSync(SCANNER_INSTALL, { recursive: true, force: true });
	fs.mkdirSync(SCANNER_INSTALL, { recursive: true });
	for (const file of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(SCANNER_DIR, file), path.join(SCANNER_INSTALL, file));
	execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: SCANNER_INSTALL,
		stdio: ['ignore', 'inherit', 'inherit'],
	});
	fs.writeFileSync(stamp, lock);
}

async function scan() {
	ensureScanner();
	const log = (line) => console.log(`[scan] ${line}`);
	build(log);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-nodes-alipay-scan-'));
	try {
		const tarball = packAndUnpack(work, log);
		const scanner = await import(path.join(SCANNER_INSTALL, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs'));
		const legs = [
			['sources', ROOT, scanner.SOURCE_FILE_PATTERNS],
			['tarball', tarball, ['**/*.js', 'package.json']],
			['tarball, every file', tarball, undefined],
		];
		let passed = true;
		for (const [name, dir, patterns] of legs) {
			const result = await scanner.analyzePackage(dir, patterns);
			log(`${name}: ${result.passed ? 'passed' : `FAILED: ${result.message}`}`);
			if (result.details) console.log(result.details.split(dir).join(`<${name}>`));
			passed &&= result.passed;
		}
		return passed;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

async function main() {
	const linted = lintSources();
	const scanned = await scan();
	process.exit(linted && scanned ? 0 : 1);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
