'use strict';
// A real n8n, started headlessly from the provisioned runtime (scripts/n8n-runtime.js): its own
// user folder, a fixed encryption key, an owner managed by env vars, the package installed the
// way users get it, credentials and workflows imported with n8n's CLI, trigger workflows
// published, then REST login and an API key. Recipe: shared notes on n8n community nodes, §6.3.

const fs = require('node:fs');
const path = require('node:path');
const { spawnChild, startService } = require('./children');

const PACKAGE_NAME = 'n8n-nodes-alipay';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class N8nInstance {
	/**
	 * @param {object} o
	 * @param {{nodeBin: string, n8nBin: string, n8nModules: string}} o.runtime what ensureRuntime() returned
	 * @param {string} o.home N8N_USER_FOLDER (data lives in <home>/.n8n)
	 * @param {'start'|'webhook'|'worker'} [o.command] the process n8n runs: main (default), or in
	 *   queue mode a webhook process or a worker
	 * @param {number} o.port editor, REST and webhook port (main and webhook processes)
	 * @param {number} [o.healthPort] a worker's /healthz port (QUEUE_HEALTH_CHECK_PORT)
	 * @param {number} o.brokerPort task-runner broker port (distinct per instance on one machine)
	 * @param {string} o.encryptionKey
	 * @param {{email: string, password: string, firstName?: string, lastName?: string}} o.owner
	 * @param {string} o.logFile everything n8n prints goes here
	 * @param {Record<string,string>} [o.extraEnv]
	 * @param {(line: string) => void} [o.log]
	 */
	constructor(o) {
		Object.assign(this, o);
		this.log = o.log || ((m) => console.log(`[n8n] ${m}`));
		this.command = o.command || 'start';
		this.baseUrl = `http://127.0.0.1:${o.port}`;
		this.dataDir = path.join(o.home, '.n8n');
		fs.mkdirSync(this.dataDir, { recursive: true });
		fs.mkdirSync(path.dirname(o.logFile), { recursive: true });
	}

	/** n8n's own bcryptjs, so the hash is one n8n's login accepts. */
	passwordHash() {
		const bcrypt = require(path.join(this.runtime.n8nModules, 'bcryptjs'));
		return bcrypt.hashSync(this.owner.password, 10);
	}

	env() {
		if (!this._hash) this._hash = this.passwordHash();
		const base = {};
		// n8n must not see the calling npm's config, nor the machine's Node 20 first on PATH.
		for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) base[k] = v;
		return {
			...base,
			PATH: `${path.dirname(this.runtime.nodeBin)}${path.delimiter}${process.env.PATH}`,
			N8N_USER_FOLDER: this.home,
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(this.port),
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
			WEBHOOK_URL: `${this.baseUrl}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '10',
			N8N_INSTANCE_OWNER_MANAGED_BY_ENV: 'true',
			N8N_INSTANCE_OWNER_EMAIL: this.owner.email,
			N8N_INSTANCE_OWNER_PASSWORD_HASH: this._hash,
			N8N_INSTANCE_OWNER_FIRST_NAME: this.owner.firstName || 'Shop',
			N8N_INSTANCE_OWNER_LAST_NAME: this.owner.lastName || 'Owner',
			...(this.extraEnv || {}),
		};
	}

	/** Copies an unpacked `npm pack` tree to where n8n loads community packages from. */
	installPackage(unpackedDir) {
		const target = path.join(this.dataDir, 'nodes', 'node_modules', PACKAGE_NAME);
		fs.rmSync(target, { recursive: true, force: true });
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.cpSync(unpackedDir, target, { recursive: true });
		return target;
	}

	/** Runs one n8n CLI command to completion; its output goes to the log file. */
	async cli(args, { expect } = {}) {
		const t0 = Date.now();
		const child = spawnChild(this.runtime.nodeBin, [this.runtime.n8nBin, ...args], {
			cwd: this.home,
			env: this.env(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		const { code, signal } = await child.exited;
		fs.appendFileSync(this.logFile, `\n$ n8n ${args.join(' ')}\n${out}`);
		const seconds = ((Date.now() - t0) / 1000).toFixed(1);
		if (code !== 0 || (expect && !expect.test(out))) {
			throw new Error(`n8n ${args.join(' ')} failed (${signal || code}) after ${seconds} s:\n${out.slice(-3000)}`);
		}
		this.log(`n8n ${args[0]} ${args.slice(1).filter((a) => a.startsWith('--id')).join(' ')}(${seconds} s)`);
		return out;
	}

	async importCredentials(credentials) {
		const file = path.join(this.home, 'import-credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600 });
		try {
			await this.cli(['import:credentials', `--input=${file}`], { expect: /Successfully imported/i });
		} finally {
			// The file holds the decrypted private key: it must not outlive the import.
			fs.rmSync(file, { force: true });
		}
	}

	async importWorkflows(workflows) {
		const file = path.join(this.home, 'import-workflows.json');
		fs.writeFileSync(file, JSON.stringify(workflows, null, 2));
		await this.cli(['import:workflow', `--input=${file}`], { expect: /Successfully imported/i });
	}

	async publishWorkflow(id) {
		await this.cli(['publish:workflow', `--id=${id}`]);
	}

	/** `n8n <command>` in the background; resolves once /healthz/readiness answers 200. */
	async start({ timeoutMs = 180000 } = {}) {
		const healthUrl = `http://127.0.0.1:${this.healthPort || this.port}/healthz/readiness`;
		const { child, seconds } = await startService({
			name: `n8n ${this.command}`,
			command: this.runtime.nodeBin,
			args: [this.runtime.n8nBin, this.command],
			cwd: this.home,
			env: this.env(),
			logFile: this.logFile,
			ready: async () => (await fetch(healthUrl, { signal: AbortSignal.timeout(2000) })).ok,
			timeoutMs,
		});
		this.child = child;
		this.log(`n8n ${this.command} ready at ${healthUrl.replace('/healthz/readiness', '')} in ${seconds} s`);
	}

	/**
	 * Readiness comes before workflow activation finishes, so wait until a production webhook is
	 * registered. The probe uses the method the webhook does not accept: n8n then answers "not
	 * registered for GET requests" without running anything, instead of "not registered".
	 */
	async waitForWebhook(urlPath, { acceptedMethod = 'POST', timeoutMs = 60000 } = {}) {
		const probe = acceptedMethod === 'GET' ? 'POST' : 'GET';
		const t0 = Date.now();
		for (;;) {
			// A probe that hangs must not outlast the deadline: each one gets its own timeout.
			const res = await fetch(`${this.baseUrl}${urlPath}`, { method: probe, signal: AbortSignal.timeout(5000) }).catch(
				() => undefined,
			);
			const text = res ? await res.text().catch(() => '') : '';
			if (res && (res.status !== 404 || /not registered for/i.test(text))) return;
			if (Date.now() - t0 > timeoutMs) throw new Error(`${urlPath} not registered after ${timeoutMs / 1000} s`);
			await sleep(250);
		}
	}

	/** Logs in as the owner; later rest() calls carry the session cookie. */
	async login() {
		const res = await fetch(`${this.baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: this.owner.email, password: this.owner.password }),
		});
		if (!res.ok) throw new Error(`login failed: HTTP ${res.status} ${await res.text()}`);
		const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
		this.cookie = cookies.join('; ');
		return (await res.json()).data;
	}

	/** Internal REST API (what the editor uses), as the logged-in owner. */
	async rest(method, urlPath, body) {
		const res = await fetch(`${this.baseUrl}/rest${urlPath}`, {
			method,
			headers: { 'content-type': 'application/json', cookie: this.cookie || '', 'browser-id': 'e2e' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		if (!res.ok) {
			const err = new Error(`${method} /rest${urlPath}: HTTP ${res.status} ${text.slice(0, 500)}`);
			err.status = res.status;
			err.body = json;
			throw err;
		}
		return json && 'data' in json ? json.data : json;
	}

	/** An API key with every scope this n8n offers, for the public API. */
	async createApiKey(label = 'alipay-e2e') {
		const scopes = await this.rest('GET', '/api-keys/scopes');
		const key = await this.rest('POST', '/api-keys', { label, scopes, expiresAt: null });
		this.apiKey = key.rawApiKey;
		return this.apiKey;
	}

	/** Public API (/api/v1), authenticated with the API key. */
	async api(method, urlPath, body) {
		const res = await fetch(`${this.baseUrl}/api/v1${urlPath}`, {
			method,
			headers: { 'content-type': 'application/json', 'X-N8N-API-KEY': this.apiKey },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`${method} /api/v1${urlPath}: HTTP ${res.status} ${text.slice(0, 500)}`);
		return text ? JSON.parse(text) : undefined;
	}

	/** Executions of one workflow, or of all (newest first), with their full run data. */
	async executions(workflowId) {
		const all = [];
		let cursor;
		do {
			const qs = new URLSearchParams({ includeData: 'true', limit: '100' });
			if (workflowId) qs.set('workflowId', workflowId);
			if (cursor) qs.set('cursor', cursor);
			const page = await this.api('GET', `/executions?${qs}`);
			all.push(...page.data);
			cursor = page.nextCursor;
		} while (cursor);
		return all;
	}
}

module.exports = { N8nInstance };
