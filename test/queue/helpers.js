'use strict';
// What the queue-mode tests share: order codes made in bulk by n8n and paid in the simulator,
// which process ran which execution (n8n's own log lines), the simulator's notification log, and
// executions counted once n8n has settled them. The tests wait for conditions, never for a fixed
// time, and a wait that stops progressing fails with what it was still waiting for.

const fs = require('node:fs');
const { assert, untilDone: harnessUntilDone } = require('../../scripts/lib/harness');
const e2e = require('../e2e/helpers');
const { CREATE_ORDERS_PATH } = require('./workflows');

// A wait fails once nothing has moved for this long (ALIPAY_QUEUE_STALL_SECONDS), naming what is
// still missing, instead of sitting out a fixed deadline; resends Alipay has scheduled extend it.
const STALL_MS = Number(process.env.ALIPAY_QUEUE_STALL_SECONDS || 180) * 1000;
const DEADLINE_MS = 60 * 60 * 1000;
const run = Date.now().toString(36);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** harness.untilDone with the suite's stall window. */
function untilDone(check, options) {
	return harnessUntilDone(check, { stallMs: STALL_MS, deadlineMs: DEADLINE_MS, ...options });
}

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
 * Creates `count` order codes through n8n, 50 per webhook call and 4 calls at once (so both
 * workers make them), notifying the payment URL of `workflowName`'s Alipay Trigger.
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
	const batches = [];
	for (let i = 0; i < orders.length; i += 50) batches.push(orders.slice(i, i + 50));
	const outputs = await inParallel(batches, 4, async (batch) => {
		const res = await e2e.callWebhook(ctx, CREATE_ORDERS_PATH, { body: { orders: batch } });
		assert.equal(res.status, 200, res.text.slice(0, 300));
		return res.json;
	});
	const created = outputs.flat();
	assert.deepEqual(created.filter((o) => !o.paymentId), [], 'orders without a paymentId');
	assert.equal(created.length, count);
	assert.equal(new Set(created.map((o) => o.paymentId)).size, count, 'distinct payments');
	return created;
}

function describePayment(p) {
	return `${p.status}${p.resultCode && p.status !== 'SUCCESS' ? ` (${p.resultCode})` : ''}, created ${p.createTime}, expires ${p.expiryTime}`;
}

/**
 * The customer pays one order in the simulator's wallet, and the payment is confirmed SUCCESS. A
 * lost or refused answer (a busy machine) is followed by a look at the payment: paid is done,
 * still open is paid again, anything else fails naming the order and the answer.
 */
async function pay(ctx, order) {
	const id = encodeURIComponent(order.paymentId);
	const name = `order ${order.paymentRequestId} (payment ${order.paymentId})`;
	for (let attempt = 1; ; attempt++) {
		let answer;
		try {
			answer = await ctx.simulator.control('POST', `/payments/${id}/pay`, {});
		} catch (error) {
			const payment = await ctx.simulator.control('GET', `/payments/${id}`).catch(() => undefined);
			if (payment && payment.status === 'SUCCESS') return payment;
			if ((payment && payment.status !== 'PROCESSING') || attempt >= 5) {
				throw new Error(`${name} was not paid: ${error.message}${payment ? `; the simulator holds it ${describePayment(payment)}` : ''}`);
			}
			await sleep(1000 * attempt);
			continue;
		}
		if (answer.status !== 'SUCCESS') throw new Error(`${name}: pay answered ${describePayment(answer)}`);
		return answer;
	}
}

/** Pays every order, 50 at a time, as fast as the simulator takes them; fails naming every order not paid. */
async function payAll(ctx, created) {
	const failures = (await inParallel(created, 50, (o) => pay(ctx, o).then(() => undefined, (error) => error.message))).filter(Boolean);
	if (failures.length) throw new Error(`${failures.length} of ${created.length} orders not paid:\n${failures.slice(0, 10).join('\n')}`);
}

function describeNotification(n) {
	const last = n.attempts[n.attempts.length - 1];
	const answer = last ? `${last.status ?? last.error ?? '?'}${last.ackDropped ? ' (acknowledgement dropped)' : ''}${last.reply ? ` ${last.reply.slice(0, 120)}` : ''}` : 'none yet';
	return `${n.id} (payment ${n.subjectId}${n.copyOf ? `, copy of ${n.copyOf}` : ''}): ${n.state}, ${n.attempts.length} attempts, last answer ${answer}${n.nextAttemptAt ? `, next at ${n.nextAttemptAt}` : ''}`;
}

/**
 * The simulator's notifications about these payments (originals and copies), once all are
 * acknowledged. Fails at once when Alipay gave one up, and when acknowledgements stop coming.
 */
async function acknowledged(ctx, paymentIds) {
	return await untilDone(
		async () => {
			const mine = (await notifications(ctx)).filter((n) => n.kind === 'payment' && paymentIds.has(n.subjectId));
			const open = mine.filter((n) => !n.acknowledged);
			const notified = new Set(mine.map((n) => n.subjectId));
			const silent = [...paymentIds].filter((id) => !notified.has(id));
			const gaveUp = open.filter((n) => n.state === 'gave up');
			const due = open.map((n) => n.nextAttemptAtMs).filter((at) => at !== undefined);
			return {
				done: silent.length === 0 && open.length === 0,
				value: mine,
				failure: gaveUp.length ? `Alipay gave up on ${gaveUp.length} notifications: ${gaveUp.slice(0, 5).map(describeNotification).join('; ')}` : undefined,
				progress: [mine.length - open.length, mine.reduce((sum, n) => sum + n.attempts.length, 0)],
				dueAtMs: due.length ? Math.max(...due) : undefined,
				pending:
					`${mine.length - open.length} of ${mine.length} notifications acknowledged` +
					`${silent.length ? `; no notification at all for ${silent.length} paid payments (${silent.slice(0, 5).join(', ')})` : ''}` +
					`${open.length ? `; waiting for ${open.slice(0, 5).map(describeNotification).join('; ')}` : ''}`,
			};
		},
		// During a storm, not often: the whole log is large, and reading it costs the simulator time.
		{ what: 'every notification of these payments to be acknowledged', intervalMs: paymentIds.size > 50 ? 3000 : 250 },
	);
}

/** A workflow's executions (without data) newer than `since`, once none of them is new or running. */
async function settledExecutions(ctx, workflowName, since = 0) {
	const workflowId = ctx.workflowByName(workflowName).id;
	return await untilDone(
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
			const open = mine.filter((e) => ['new', 'running'].includes(e.status));
			return {
				done: open.length === 0,
				value: mine,
				progress: [mine.length, open.length],
				pending: `${open.length} of ${mine.length} still new or running (${open.slice(0, 10).map((e) => `${e.id} ${e.status}`).join(', ')})`,
			};
		},
		{ what: `${workflowName} executions to settle` },
	);
}

async function newestExecutionId(ctx) {
	const page = await ctx.n8n.api('GET', '/executions?limit=1&includeData=false');
	return page.data.length ? Number(page.data[0].id) : 0;
}

module.exports = {
	DEADLINE_MS,
	STALL_MS,
	untilDone,
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
