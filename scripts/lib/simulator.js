'use strict';
// Runs the local Alipay gateway simulator (`npm run simulator`, simulator/README.md) as a child
// and talks to it only over HTTP: its Alipay API and its /_sim control API.

const fs = require('node:fs');
const path = require('node:path');
const { spawnChild, stopChild } = require('./children');
const { ROOT } = require('./package');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class Simulator {
	/**
	 * @param {object} o
	 * @param {number} o.port
	 * @param {string} o.clientId
	 * @param {string} o.merchantPublicKeyFile
	 * @param {string} o.alipayPrivateKeyFile
	 * @param {string} o.logFile
	 * @param {string} [o.dataFile] state kept across restarts
	 * @param {number} [o.timeScale] notification retry delays divided by this
	 * @param {(line: string) => void} [o.log]
	 */
	constructor(o) {
		Object.assign(this, o);
		this.log = o.log || ((m) => console.log(`[simulator] ${m}`));
		this.baseUrl = `http://127.0.0.1:${o.port}`;
	}

	async start({ timeoutMs = 60000 } = {}) {
		const t0 = Date.now();
		const args = [
			path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'),
			path.join(ROOT, 'simulator', 'main.ts'),
			'--host',
			'127.0.0.1',
			'--port',
			String(this.port),
			'--client-id',
			this.clientId,
			'--merchant-public-key',
			this.merchantPublicKeyFile,
			'--alipay-private-key',
			this.alipayPrivateKeyFile,
		];
		if (this.timeScale) args.push('--time-scale', String(this.timeScale));
		if (this.dataFile) args.push('--data-file', this.dataFile);
		fs.mkdirSync(path.dirname(this.logFile), { recursive: true });
		const logStream = fs.createWriteStream(this.logFile, { flags: 'a' });
		this.child = spawnChild(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		this.child.stdout.pipe(logStream);
		this.child.stderr.pipe(logStream);
		let exited;
		this.child.exited.then((r) => (exited = r));
		while (Date.now() - t0 < timeoutMs) {
			if (exited) {
				throw new Error(`simulator exited during start-up (${exited.signal || exited.code}); see ${this.logFile}`);
			}
			try {
				this.info = await this.control('GET', '/info');
				this.log(`simulator ready at ${this.baseUrl} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
				return this.info;
			} catch {
				await sleep(200);
			}
		}
		throw new Error(`simulator not ready after ${timeoutMs / 1000} s; see ${this.logFile}`);
	}

	async stop() {
		if (this.child) await stopChild(this.child, 5000);
		this.child = undefined;
	}

	/** The control API under /_sim (not Alipay's API). */
	async control(method, urlPath, body) {
		const res = await fetch(`${this.baseUrl}/_sim${urlPath}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(15000),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} /_sim${urlPath}: HTTP ${res.status} ${text.slice(0, 300)}`);
		try {
			return JSON.parse(text);
		} catch {
			return text;
		}
	}
}

module.exports = { Simulator };
