'use strict';
// The load balancer in front of n8n's webhook processes, as a shop running queue mode has one
// (nginx, HAProxy, a cloud load balancer): round robin, requests and answers passed through
// untouched, so the Alipay signature over path and body still verifies behind it. Like nginx's
// `max_conns` or HAProxy's `maxconn`, it holds at most `maxInFlight` requests open per process
// and queues the rest: flooded, n8n exhausts its database pool and answers every request 503
// "Database is not ready". A queued request whose client gave up is never sent. Counts what
// each process received, for the suite's figures.

const http = require('node:http');

class RoundRobinBalancer {
	/**
	 * @param {object} o
	 * @param {number} o.port on 127.0.0.1
	 * @param {string[]} o.targets base URLs of the webhook processes
	 * @param {number} [o.maxInFlight] requests open at once per process (default 8)
	 * @param {(line: string) => void} o.log
	 */
	constructor(o) {
		Object.assign(this, o);
		this.maxInFlight = o.maxInFlight || 8;
		this.queue = [];
		this.abandoned = 0;
		this.baseUrl = `http://127.0.0.1:${o.port}`;
		this.backends = o.targets.map((url) => ({
			url: new URL(url),
			agent: new http.Agent({ keepAlive: true, maxSockets: 512 }),
			requests: 0,
			failures: 0,
			inFlight: 0,
			peak: 0,
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
		this.queue.push({ req, res, backend: this.backends[this.next++ % this.backends.length] });
		this.drain();
	}

	/** Sends queued requests, in order, to their process while it has room. */
	drain() {
		for (let i = 0; i < this.queue.length; ) {
			const { req, res, backend } = this.queue[i];
			if (req.socket.destroyed) {
				this.queue.splice(i, 1);
				this.abandoned++;
			} else if (backend.inFlight < this.maxInFlight) {
				this.queue.splice(i, 1);
				this.send(req, res, backend);
			} else {
				i++;
			}
		}
	}

	send(req, res, backend) {
		backend.requests++;
		backend.inFlight++;
		backend.peak = Math.max(backend.peak, backend.inFlight);
		let settled = false;
		const settle = () => {
			if (settled) return;
			settled = true;
			backend.inFlight--;
			this.drain();
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
				if (!res.destroyed) res.writeHead(answer.statusCode, answer.rawHeaders);
				answer.pipe(res);
				answer.on('end', settle);
				answer.on('error', settle);
			},
		);
		upstream.on('error', (error) => {
			settle();
			backend.failures++;
			if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`bad gateway: ${error.message}`);
		});
		// A client that gives up does not free the slot: n8n goes on with the request (it does not
		// cancel a run because the caller left), so the slot frees when n8n answers.
		upstream.on('close', settle);
		req.pipe(upstream);
	}

	/** Requests sent to each webhook process, failures (502) and the most it held open at once. */
	stats() {
		return this.backends.map((b) => ({ target: b.url.host, requests: b.requests, failures: b.failures, peak: b.peak }));
	}

	async close() {
		if (!this.server) return;
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
		for (const b of this.backends) b.agent.destroy();
	}
}

module.exports = { RoundRobinBalancer };
