'use strict';
// What the queue-mode tests share: order codes made in bulk by n8n and paid in the simulator,
// which process ran which execution (n8n's own log lines), the simulator's notification log, and
// executions counted once n8n has settled them. Deadlines are generous: the tests wait for
// conditions, never for a fixed time.

const fs = require('node:fs');
const { assert } = require('../../scripts/lib/harness');
const e2e = require('../e2e/helpers');
const { CREATE_ORDERS_PATH } = require('./workflows');

const DEADLINE_MS = 15 * 60 * 1000;
const run = Date.now().toString(36);

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

/**
 * Creates `count` order codes through n8n (4 requests in parallel, so both workers make them),
 * notifying the payment URL of `workflowName`'s Alipay Trigger.
 */
async function createOrders(ctx, workflowName, label, count) {
	const notifyUrl = e2e.webhookUrl(ctx, e2e.triggerPath(ctx.workflowByName(workflowName), 'payment'));
	const orders = Array.from({ length: count }, (_, i) => ({
		body: {
			paymentRequestId: `q-${run}-${label}-${i}`,
			amount: `${1 + (i % 50)}.${String(i % 100).padStart(2, '0')}`,
			currency: 'SGD',
			orderDescription: `Queue order ${label} ${i}`,
			paymentNotifyUrl: notifyUrl,
		},
	}));
	const batches = [0, 1, 2, 3].map((b) => orders.filter((_, i) => i % 4 === b)).filter((b) => b.length);
	const outputs = await Promise.all(
		batches.map(async (batch) => {
			const res = await e2e.callWebhook(ctx, CREATE_ORDERS_PATH, { body: { orders: batch } });
			assert.equal(res.status, 200, res.text.slice(0, 300));
			return res.json;
		}),
	);
	const created = outputs.flat();
	assert.deepEqual(created.filter((o) => !o.paymentId), [], 'orders without a paymentId');
	assert.equal(created.length, count);
	return created;
}

async function pay(ctx, order) {
	return await ctx.simulator.control('POST', `/payments/${encodeURIComponent(order.paymentId)}/pay`, {});
}

/** Pays every order, 50 at a time, as fast as the simulator takes them. */
async function payAll(ctx, created) {
	await inParallel(created, 50, (o) => pay(ctx, o));
}

/** The simulator's notifications about these payments (originals and copies), once all are acknowledged. */
async function acknowledged(ctx, paymentIds) {
	return await e2e.eventually(
		async () => {
			const mine = (await notifications(ctx)).filter((n) => n.kind === 'payment' && paymentIds.has(n.subjectId));
			return mine.length >= paymentIds.size && mine.every((n) => n.acknowledged) ? mine : undefined;
		},
		// During a storm, not often: the whole log is large, and reading it costs the simulator time.
		{ timeoutMs: DEADLINE_MS, intervalMs: paymentIds.size > 50 ? 3000 : 250, what: 'every notification of these payments to be acknowledged' },
	);
}

/** A workflow's executions (without data) newer than `since`, once none of them is new or running. */
async function settledExecutions(ctx, workflowName, since = 0) {
	const workflowId = ctx.workflowByName(workflowName).id;
	return await e2e.eventually(
		async () => {
			const all = [];
			let cursor;
			do {
				const qs = new URLSearchParams({ workflowId, limit: '250', includeData: 'false' });
				if (cursor) qs.set('cursor', cursor);
				const page = await ctx.n8n.api('GET', `/executions?${qs}`);
				all.push(...page.data);
				cursor = page.nextCursor;
			} while (cursor);
			const mine = all.filter((e) => Number(e.id) > since);
			return mine.every((e) => !['new', 'running'].includes(e.status)) ? mine : undefined;
		},
		{ timeoutMs: DEADLINE_MS, intervalMs: 1000, what: `${workflowName} executions to settle` },
	);
}

async function newestExecutionId(ctx) {
	const page = await ctx.n8n.api('GET', '/executions?limit=1&includeData=false');
	return page.data.length ? Number(page.data[0].id) : 0;
}

module.exports = {
	DEADLINE_MS,
	executionPlacement,
	countBy,
	inParallel,
	notifications,
	createOrders,
	pay,
	payAll,
	acknowledged,
	settledExecutions,
	newestExecutionId,
};
