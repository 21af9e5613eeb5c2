'use strict';
// What the trigger's Skip Duplicates does in queue mode, on a workflow that relies on it alone
// (acknowledge immediately, nothing idempotent after it): the memory lives in n8n's workflow
// static data, which each webhook process reads fresh from the database and saves whole.
// Measured: resends that come after the first delivery was answered and remembered (Alipay's
// come minutes to hours apart) are skipped, through either webhook process; deliveries at the same
// moment are not, and notifications answered close together overwrite each other's memory.

const { assert } = require('../../scripts/lib/harness');
const e2e = require('../e2e/helpers');
const q = require('./helpers');

const SKIP = 'Queue: Skip Duplicates only';
const BATCH = 20;

/** Resends each notification, one after another (each is answered before the next goes). */
async function resendOneByOne(ctx, notifications) {
	const exact = JSON.stringify(e2e.core(ctx).NOTIFICATION_ACK);
	for (const n of notifications) {
		const view = await ctx.simulator.control('POST', `/notifications/${encodeURIComponent(n.id)}/resend`, {});
		const last = view.attempts[view.attempts.length - 1];
		assert.equal(last.reply, exact, `resend of ${n.id}: ${JSON.stringify(last)}`);
	}
}

/**
 * Runs started since `since`, counted once a fresh control payment (paid after everything
 * before it was answered) has run too: a skipped delivery starts nothing, so there is nothing
 * else to wait for.
 */
async function runsAfterControl(ctx, since, label) {
	const [control] = await q.createOrders(ctx, SKIP, `${label}-control`, 1);
	const controlSince = await q.newestExecutionId(ctx);
	await q.pay(ctx, control);
	await q.acknowledged(ctx, new Set([control.paymentId]));
	await e2e.eventually(async () => (await q.settledExecutions(ctx, SKIP, controlSince)).length >= 1, {
		timeoutMs: q.STALL_MS,
		what: 'the control payment to run',
	});
	const runs = await q.settledExecutions(ctx, SKIP, since);
	return runs.length - 1;
}

/** How many notifications the trigger's memory (the workflow's static data) holds right now. */
async function remembered(ctx) {
	const workflow = await ctx.n8n.api('GET', `/workflows/${ctx.workflowByName(SKIP).id}`);
	const data = typeof workflow.staticData === 'string' ? JSON.parse(workflow.staticData) : workflow.staticData || {};
	const memory = Object.values(data).find((v) => v && Array.isArray(v.alipayNotificationsSeen));
	return memory ? memory.alipayNotificationsSeen.length : 0;
}

function originals(list) {
	return list.filter((n) => !n.copyOf);
}

module.exports = (t) => {
	t.test('Skip Duplicates skips spaced resends through either webhook process: each payment runs once', async (ctx) => {
		const created = await q.createOrders(ctx, SKIP, 'spaced', BATCH);
		const since = await q.newestExecutionId(ctx);
		// One after another: each notification is answered and remembered before the next. (n8n
		// saves the memory just after the answer: a next notification read before that save would
		// write the memory back without it; see the second test.)
		const before = await remembered(ctx);
		for (const [i, order] of created.entries()) {
			await q.pay(ctx, order);
			await q.acknowledged(ctx, new Set([order.paymentId]));
			await e2e.eventually(async () => (await remembered(ctx)) >= before + i + 1, { what: `notification ${i + 1} to be remembered` });
		}
		const ids = new Set(created.map((o) => o.paymentId));
		const first = await q.settledExecutions(ctx, SKIP, since);
		assert.equal(first.length, BATCH, 'runs of the first deliveries');
		const sent = originals(await q.acknowledged(ctx, ids));
		await resendOneByOne(ctx, sent);
		const ran = (await runsAfterControl(ctx, since, 'spaced')) - BATCH;
		assert.equal(ran, 0, `${ran} of ${BATCH} spaced resends started the workflow again`);
		ctx.figures.push(`Skip Duplicates: ${BATCH - ran} of ${BATCH} spaced resends skipped (round robin across both webhook processes)`);
	});

	t.test('Skip Duplicates cannot stop deliveries at the same moment, nor remember notifications handled at the same moment', async (ctx) => {
		const created = await q.createOrders(ctx, SKIP, 'concurrent', BATCH);
		const ids = new Set(created.map((o) => o.paymentId));
		const since = await q.newestExecutionId(ctx);
		// Every notification twice at once, and all of them together.
		await ctx.simulator.control('POST', '/notifications/modes', { duplicateRate: 1 });
		await q.payAll(ctx, created);
		const all = await q.acknowledged(ctx, ids);
		await ctx.simulator.control('POST', '/notifications/modes', { duplicateRate: 0 });
		const runs = await q.settledExecutions(ctx, SKIP, since);
		const deliveries = all.flatMap((n) => n.attempts).length;
		// At least one run per payment (a first delivery is never skipped), at most one per delivery
		// (more than two per payment only when an answer came too late and the simulator resent).
		assert.ok(runs.length >= BATCH && runs.length <= deliveries, `${runs.length} runs for ${BATCH} payments, ${deliveries} deliveries`);
		const resentLate = deliveries - 2 * BATCH;

		const memoryBefore = await remembered(ctx);
		const afterStorm = await q.newestExecutionId(ctx);
		await resendOneByOne(ctx, originals(all));
		const forgotten = await runsAfterControl(ctx, afterStorm, 'forgotten');
		ctx.figures.push(
			`Skip Duplicates: ${BATCH} notifications each delivered twice at the same moment${resentLate ? ` (and ${resentLate} resends of answers that came too late)` : ''}: ${runs.length} runs, ${runs.length - BATCH} more than one per payment`,
			`Skip Duplicates: after ${BATCH} notifications answered at the same moment, ${forgotten} of their ${BATCH} later resends ran again (the memory is saved whole, last write wins; it held ${memoryBefore} entries in all)`,
		);
	});
};
