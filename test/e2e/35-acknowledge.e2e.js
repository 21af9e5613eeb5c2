'use strict';
// "Acknowledge: After the Workflow Succeeds" in a real n8n, where n8n itself writes the answer at
// the end of the run: Alipay must get its exact acknowledgement (not n8n's `firstEntryJson`) when
// the run succeeds, and no acknowledgement, hence a resend and a new run, when it fails.

const { assert } = require('../../scripts/lib/harness');
const h = require('./helpers');

const OK = 'E2E: acknowledge after success';
const FAILING = 'E2E: acknowledge after success, failing';
const run = `${Date.now().toString(36)}`;

async function paidOrderNotifying(ctx, workflowName, suffix) {
	const order = await h.runOperation(ctx, 'createOrderCode', {
		paymentRequestId: `e2e-${run}-${suffix}`,
		amount: '5.00',
		currency: 'SGD',
		orderDescription: `E2E acknowledge ${suffix}`,
		paymentNotifyUrl: `${ctx.n8n.baseUrl}/webhook/${h.triggerPath(ctx.workflowByName(workflowName), 'payment')}`,
	});
	assert.equal(order.error, undefined, JSON.stringify(order));
	await ctx.simulator.control('POST', `/payments/${encodeURIComponent(order.paymentId)}/pay`, {});
	return order;
}

async function notificationFor(ctx, paymentId) {
	const { notifications } = await ctx.simulator.control('GET', '/notifications');
	return notifications.find((n) => n.kind === 'payment' && n.subjectId === paymentId);
}

module.exports = (t) => {
	t.test('after a successful run n8n answers the exact acknowledgement, as JSON', async (ctx) => {
		const urlPath = h.triggerPath(ctx.workflowByName(OK), 'payment');
		const text = JSON.stringify({
			notifyType: 'PAYMENT_RESULT',
			result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
			paymentRequestId: `e2e-${run}-direct`,
			paymentId: `2026E2E${Date.now()}`,
			paymentAmount: { currency: 'SGD', value: '100' },
			paymentCreateTime: '2026-11-29T17:00:00+08:00',
			paymentTime: '2026-11-29T17:00:05+08:00',
		});
		const res = await h.callWebhook(ctx, urlPath, { headers: h.signedNotification(ctx, urlPath, text), rawBody: text });
		assert.equal(res.status, 200, res.text);
		assert.match(res.headers.get('content-type') || '', /^application\/json/);
		assert.deepEqual(res.json, h.core(ctx).NOTIFICATION_ACK);
		const runs = await h.executionsOf(ctx, ctx.workflowByName(OK).id);
		assert.equal(runs.length, 1);
		assert.equal(runs[0].status, 'success');
	});

	t.test('a customer payment is acknowledged by the successful run at the first attempt', async (ctx) => {
		const order = await paidOrderNotifying(ctx, OK, 'ack-ok');
		const delivery = await h.eventually(async () => {
			const n = await notificationFor(ctx, order.paymentId);
			return n && n.attempts.length > 0 ? n : undefined;
		}, { what: 'the notification delivery' });
		assert.equal(delivery.acknowledged, true, JSON.stringify(delivery.attempts));
		assert.equal(delivery.attempts.length, 1);
		assert.equal(delivery.attempts[0].status, 200);
	});

	t.test('a failed run is not acknowledged, so the simulator resends and every resend runs again', async (ctx) => {
		const order = await paidOrderNotifying(ctx, FAILING, 'ack-fail');
		// Alipay's 0 s, 2 min, 10 min schedule runs 600 times faster here.
		const delivery = await h.eventually(async () => {
			const n = await notificationFor(ctx, order.paymentId);
			return n && n.attempts.length >= 3 ? n : undefined;
		}, { what: 'three delivery attempts', timeoutMs: 60000 });
		assert.equal(delivery.acknowledged, false);
		for (const attempt of delivery.attempts.slice(0, 3)) {
			assert.equal(attempt.acknowledged, false);
			assert.notEqual(attempt.status, 200, JSON.stringify(attempt));
		}
		const runs = await h.eventually(async () => {
			const r = await h.executionsOf(ctx, ctx.workflowByName(FAILING).id);
			return r.length >= 3 && r.every((e) => e.stoppedAt) ? r : undefined;
		}, { what: 'three failed runs' });
		for (const execution of runs) assert.equal(execution.status, 'error');
	});
};
