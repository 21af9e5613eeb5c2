'use strict';
// Runs the local Alipay gateway simulator (`npm run simulator`, simulator/README.md) as a child
// and talks to it only over HTTP: its Alipay API and its /_sim control API.

const path = require('node:path');
const { startService, stopChild } = require('./children');
const { ROOT } = require('./package');

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
	 * @param {number} [o.latencyMs] every gateway answer this much later (the bench's network)
	 * @param {number} [o.notifyTimeoutSeconds] how long a notification attempt waits for its answer
	 * @param {boolean} [o.quiet] no line per request in the log (the bench)
	 * @param {(line: string) => void} [o.log]
	 */
	constructor(o) {
		Object.assign(this, o);
		this.log = o.log || ((m) => console.log(`[simulator] ${m}`));
		this.baseUrl = `http://127.0.0.1:${o.port}`;
	}

	async start({ timeoutMs = 60000 } = {}) {
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
			// The stage's client ID is a sandbox one; what n8n does with resends is part of what is tested.
			'--sandbox-resends',
		];
		if (this.timeScale) args.push('--time-scale', String(this.timeScale));
		if (this.dataFile) args.push('--data-file', this.dataFile);
		if (this.latencyMs) args.push('--latency-ms', String(this.latencyMs));
		if (this.notifyTimeoutSeconds) args.push('--notify-timeout-seconds', String(this.notifyTimeoutSeconds));
		if (this.quiet) args.push('--quiet');
		const { child, value, seconds } = await startService({
			name: 'simulator',
			command: process.execPath,
			args,
			cwd: ROOT,
			logFile: this.logFile,
			ready: () => this.control('GET', '/info'),
			timeoutMs,
			intervalMs: 200,
		});
		this.child = child;
		this.info = value;
		this.log(`simulator ready at ${this.baseUrl} in ${seconds} s`);
		return this.info;
	}

	async stop() {
		if (this.child) await stopChild(this.child, 5000);
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
