'use strict';
// What the queue-mode tests read besides n8n's API: which process ran which execution (the
// workers' own log lines), and the simulator's notification log.

const fs = require('node:fs');

function logLines(process, pattern) {
	const text = fs.existsSync(process.logFile) ? fs.readFileSync(process.logFile, 'utf8') : '';
	return [...text.matchAll(pattern)].map((m) => m[1]);
}

/**
 * From the processes' own logs: executionId → the process that enqueued it (main or a webhook
 * process), the worker(s) that started it, and the worker that finished it.
 */
function executionPlacement(ctx) {
	const enqueued = new Map();
	const started = new Map();
	const finished = new Map();
	for (const p of [ctx.n8n, ...ctx.webhooks]) {
		for (const id of logLines(p, /Enqueued execution (\d+) \(job/g)) enqueued.set(id, p.name);
	}
	for (const worker of ctx.workers) {
		for (const id of logLines(worker, /Worker started execution (\d+) \(job/g)) started.set(id, [...(started.get(id) || []), worker.name]);
		for (const id of logLines(worker, /Worker finished execution (\d+) \(job/g)) finished.set(id, worker.name);
	}
	return { enqueued, started, finished };
}

/** Executions counted by a key: { success: 3, error: 1 }. */
function countBy(items, key) {
	const counts = {};
	for (const item of items) counts[key(item)] = (counts[key(item)] || 0) + 1;
	return counts;
}

/** Runs `fn` over items with at most `limit` at once; results in input order. */
async function inParallel(items, limit, fn) {
	const results = new Array(items.length);
	let next = 0;
	const lane = async () => {
		while (next < items.length) {
			const i = next++;
			results[i] = await fn(items[i], i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
	return results;
}

async function notifications(ctx) {
	return (await ctx.simulator.control('GET', '/notifications')).notifications;
}

module.exports = { executionPlacement, countBy, inParallel, notifications };
