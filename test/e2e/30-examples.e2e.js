'use strict';
// The example workflows, as imported from examples/: a customer pays in the simulator and the
// published trigger workflow records it once; forged notifications start nothing and redelivered
// ones run again without adding a row;
// the refund and onboarding examples run as the editor's Execute button runs them.

const { assert } = require('../../scripts/lib/harness');
const h = require('./helpers');

const SELL = 'Alipay example 1: Sell with an order code';
const RECORD = 'Alipay example 2: Record paid orders';
const REFUND = 'Alipay example 3: Refund part of a payment';
const ONBOARD = 'Alipay example 4: Merchant onboarding';
const PAID_TABLE = 'Alipay paid orders';
const MERCHANT_TABLE = 'Alipay merchant registrations';

const state = {};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function paidRows(ctx) {
	return await h.dataTableRows(ctx, PAID_TABLE);
}

/** Example 2's runs, once every one of them has finished. */
async function finishedRuns(ctx) {
	return await h.eventually(async () => {
		const runs = await h.executionsOf(ctx, ctx.workflowByName(RECORD).id);
		return runs.every((e) => e.stoppedAt) ? runs : undefined;
	}, { what: 'example 2 runs to finish' });
}

async function successfulRuns(ctx, workflowName) {
	const executions = await h.executionsOf(ctx, ctx.workflowByName(workflowName).id);
	return executions.filter((e) => e.status === 'success');
}

module.exports = (t) => {
	t.test('Example 1 answers an order request with the QR code PNG of a new order code', async (ctx) => {
		const res = await h.callWebhook(ctx, 'alipay-order-code?amount=8.80&currency=SGD&description=Two%20teas', {
			method: 'GET',
		});
		assert.equal(res.status, 200, res.text.slice(0, 300));
		assert.match(res.headers.get('content-type') || '', /^image\/png/);
		assert.equal(res.buffer.subarray(1, 4).toString('latin1'), 'PNG');
		const paymentId = res.headers.get('x-alipay-payment-id');
		assert.ok(paymentId, 'no X-Alipay-Payment-Id header');
		const payment = await ctx.simulator.control('GET', `/payments/${encodeURIComponent(paymentId)}`);
		assert.equal(payment.status, 'PROCESSING');
		assert.deepEqual(payment.paymentAmount, { currency: 'SGD', value: '880' });
		assert.equal(payment.paymentNotifyUrl, `${ctx.n8n.baseUrl}/webhook/${h.triggerPath(ctx.workflowByName(RECORD), 'payment')}`);
		state.payment = payment;
	});

	t.test('When the customer pays, the published example 2 runs once and the Data Table gets exactly one row', async (ctx) => {
		assert.equal((await successfulRuns(ctx, RECORD)).length, 0);
		await ctx.simulator.control('POST', `/payments/${encodeURIComponent(state.payment.paymentId)}/pay`, {});
		const runs = await h.eventually(async () => {
			const r = await finishedRuns(ctx);
			return r.length > 0 ? r : undefined;
		}, { what: 'an execution of example 2' });
		assert.equal(runs.length, 1);
		assert.equal(runs[0].status, 'success', JSON.stringify(h.executionError(runs[0]) || {}));
		const rows = await paidRows(ctx);
		assert.equal(rows.length, 1);
		assert.equal(rows[0].paymentId, state.payment.paymentId);
		assert.equal(rows[0].paymentRequestId, state.payment.paymentRequestId);
		assert.equal(rows[0].amount, '8.80');
		assert.equal(rows[0].currency, 'SGD');
	});

	t.test('The simulator logs one delivery of that notification, acknowledged at the first attempt', async (ctx) => {
		const { notifications } = await ctx.simulator.control('GET', '/notifications');
		const mine = notifications.filter((n) => n.kind === 'payment' && n.subjectId === state.payment.paymentId);
		assert.equal(mine.length, 1, JSON.stringify(mine));
		assert.equal(mine[0].acknowledged, true);
		assert.equal(mine[0].attempts.length, 1);
		assert.equal(mine[0].attempts[0].status, 200);
		state.notification = mine[0];
	});

	// The positive control for the two forgeries below: the same signing, untampered, is accepted.
	t.test('The same notification signed as Alipay signs it gets the exact acknowledgement, runs again and still leaves one row', async (ctx) => {
		const urlPath = h.triggerPath(ctx.workflowByName(RECORD), 'payment');
		const headers = h.signedNotification(ctx, urlPath, state.notification.body);
		const res = await h.callWebhook(ctx, urlPath, { headers, rawBody: state.notification.body });
		assert.equal(res.status, 200, res.text);
		assert.match(res.headers.get('content-type') || '', /^application\/json/);
		assert.deepEqual(res.json, h.core(ctx).NOTIFICATION_ACK);
		// Acknowledged only after the run: the run is over, and being idempotent it added nothing.
		assert.deepEqual((await finishedRuns(ctx)).map((e) => e.status), ['success', 'success']);
		assert.equal((await paidRows(ctx)).length, 1);
	});

	t.test('A notification with a tampered body gets 401 and starts no execution', async (ctx) => {
		const urlPath = h.triggerPath(ctx.workflowByName(RECORD), 'payment');
		const genuine = JSON.parse(state.notification.body);
		const forged = { ...genuine, paymentRequestId: `${genuine.paymentRequestId}-forged`, paymentId: `${genuine.paymentId}9` };
		const headers = h.signedNotification(ctx, urlPath, state.notification.body);
		const res = await h.callWebhook(ctx, urlPath, { headers, rawBody: JSON.stringify(forged) });
		assert.equal(res.status, 401, res.text);
		await sleep(1000);
		assert.equal((await h.executionsOf(ctx, ctx.workflowByName(RECORD).id)).length, 2);
		assert.equal((await paidRows(ctx)).length, 1);
	});

	t.test('A notification signed with a key other than Alipay\'s gets 401 and starts no execution', async (ctx) => {
		const urlPath = h.triggerPath(ctx.workflowByName(RECORD), 'payment');
		const body = { ...JSON.parse(state.notification.body), paymentId: `${state.payment.paymentId}-other` };
		// The merchant's own key: well formed, but not the key the credential trusts.
		const text = JSON.stringify(body);
		const headers = h.signedNotification(ctx, urlPath, text, ctx.keys.merchantPrivateKey);
		const res = await h.callWebhook(ctx, urlPath, { headers, rawBody: text });
		assert.equal(res.status, 401, res.text);
		await sleep(1000);
		assert.equal((await h.executionsOf(ctx, ctx.workflowByName(RECORD).id)).length, 2);
	});

	t.test('A redelivered notification is acknowledged after a run that adds no second row', async (ctx) => {
		const resent = await ctx.simulator.control('POST', `/notifications/${encodeURIComponent(state.notification.id)}/resend`, {});
		const last = resent.attempts[resent.attempts.length - 1];
		assert.equal(last.manual, true);
		assert.equal(last.acknowledged, true, JSON.stringify(last));
		assert.equal((await finishedRuns(ctx)).length, 3);
		assert.equal((await paidRows(ctx)).length, 1);
	});

	t.test('Example 3 refunds 1.00 of the newest paid order and reads the refund back', async (ctx) => {
		const execution = await h.runManually(ctx, ctx.workflowByName(REFUND), 'Run the refund');
		assert.equal(execution.status, 'success', JSON.stringify(h.executionError(execution) || {}));
		const refund = h.nodeOutput(execution, 'Get the refund')[0];
		const payment = await ctx.simulator.control('GET', `/payments/${encodeURIComponent(state.payment.paymentId)}`);
		assert.equal(payment.refunds.length, 1);
		assert.deepEqual(payment.refunds[0].refundAmount, { currency: 'SGD', value: '100' });
		assert.equal(refund.refundId, payment.refunds[0].refundId);
		assert.equal(refund.refundStatus, 'SUCCESS');
	});

	t.test('Example 4 registers a shop as PENDING, and the approval reaches its registration webhook and row', async (ctx) => {
		const workflow = ctx.workflowByName(ONBOARD);
		const execution = await h.runManually(ctx, workflow, 'Register a new shop');
		assert.equal(execution.status, 'success', JSON.stringify(h.executionError(execution) || {}));
		const { registrationRequestId } = h.nodeOutput(execution, 'Register')[0];
		const rowOf = async () => (await h.dataTableRows(ctx, MERCHANT_TABLE)).filter((r) => r.registrationRequestId === registrationRequestId);
		assert.deepEqual((await rowOf()).map((r) => r.status), ['PENDING']);
		const before = (await h.executionsOf(ctx, workflow.id)).length;

		await ctx.simulator.control('POST', `/registrations/${encodeURIComponent(registrationRequestId)}/approve`, {});
		const rows = await h.eventually(async () => {
			const r = await rowOf();
			return r.length === 1 && r[0].status === 'APPROVED' ? r : undefined;
		}, { what: 'the row to become APPROVED' });
		assert.equal(rows.length, 1);
		// n8n stores the execution after its last node wrote the row: wait for it, not a moment.
		const runs = await h.eventually(async () => {
			const r = await h.executionsOf(ctx, workflow.id);
			return r.length > before && r.every((e) => e.stoppedAt) ? r : undefined;
		}, { what: 'the registration run to be stored' });
		assert.equal(runs.length, before + 1);
		assert.equal(runs[0].mode, 'webhook');
		const { notifications } = await ctx.simulator.control('GET', '/notifications');
		const delivery = notifications.find((n) => n.kind === 'registration' && n.subjectId === registrationRequestId);
		assert.ok(delivery && delivery.acknowledged, JSON.stringify(delivery));
		assert.match(delivery.url, /\/registration$/);
	});
};
