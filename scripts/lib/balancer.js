'use strict';
// The load balancer in front of n8n's webhook processes, as a shop running queue mode has one
// (nginx, a cloud load balancer): round robin, requests and answers passed through untouched,
// so the Alipay signature over path and body still verifies behind it. Counts what each
// process received, for the suite's figures.

const http = require('node:http');

class RoundRobinBalancer {
	/**
	 * @param {object} o
	 * @param {number} o.port on 127.0.0.1
	 * @param {string[]} o.targets base URLs of the webhook processes
	 * @param {(line: string) => void} o.log
	 */
	constructor(o) {
		Object.assign(this, o);
		this.baseUrl = `http://127.0.0.1:${o.port}`;
		this.backends = o.targets.map((url) => ({
			url: new URL(url),
			agent: new http.Agent({ keepAlive: true, maxSockets: 512 }),
			requests: 0,
			failures: 0,
			inFlight: 0,
			maxInFlight: 0,
		}));
		this.next = 0;
	}

	start() {
		this.server = http.createServer((req, res) => this.forward(req, res));
		// Keep-alive from the simulator's many parallel POSTs: no idle socket may hold shutdown up.
		this.server.keepAliveTimeout = 1000;
		return new Promise((resolve, reject) => {
			this.server.once('error', reject);
			this.server.listen(this.port, '127.0.0.1', () => {
				this.log(`load balancer at ${this.baseUrl} → ${this.backends.map((b) => b.url.host).join(', ')} (round robin)`);
				resolve();
			});
		});
	}

	forward(req, res) {
		const backend = this.backends[this.next++ % this.backends.length];
		backend.requests++;
		backend.inFlight++;
		backend.maxInFlight = Math.max(backend.maxInFlight, backend.inFlight);
		let settled = false;
		const settle = () => {
			if (!settled) backend.inFlight--;
			settled = true;
		};
		const upstream = http.request(
			{
				host: backend.url.hostname,
				port: backend.url.port,
				method: req.method,
				path: req.url,
				headers: req.headers,
				agent: backend.agent,
			},
			(answer) => {
				res.writeHead(answer.statusCode, answer.rawHeaders);
				answer.pipe(res);
				answer.on('end', settle);
			},
		);
		upstream.on('error', (error) => {
			settle();
			backend.failures++;
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`bad gateway: ${error.message}`);
		});
		req.pipe(upstream);
	}

	/** Requests per webhook process, failures (502) and the most held open at once. */
	stats() {
		return this.backends.map((b) => ({
			target: b.url.host,
			requests: b.requests,
			failures: b.failures,
			maxInFlight: b.maxInFlight,
		}));
	}

	async close() {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
		for (const b of this.backends) b.agent.destroy();
	}
}

module.exports = { RoundRobinBalancer };
