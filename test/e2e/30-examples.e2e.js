'use strict';
// The example workflows, as imported from examples/: an order gets its QR code at once while the
// journey waits; the customer pays the decoded code on the wallet page, the waiting execution and
// the published trigger workflow both record it once; an unpaid order is cancelled; forged notifications start nothing and redelivered
// ones run again without adding a row;
// the refund and onboarding examples run as the editor's Execute button runs them.

const { PNG } = require('pngjs');
const jsQR = require('jsqr');
const { assert } = require('../../scripts/lib/harness');
const { launch } = require('../../scripts/lib/browser');
const h = require('./helpers');

const SELL = 'Alipay example 1: Sell with an order code';
const RECORD = 'Alipay example 2: Record paid orders';
const REFUND = 'Alipay example 3: Refund part of a payment';
const ONBOARD = 'Alipay example 4: Merchant onboarding';
const DECISIONS = 'Alipay example 5: Record registration decisions';
const PAID_TABLE = 'Alipay paid orders';
const ORDERS_TABLE = 'Alipay orders';
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

/** Example 1's executions still running. */
async function runningSells(ctx) {
	const qs = new URLSearchParams({ workflowId: ctx.workflowByName(SELL).id, status: 'running' });
	return (await ctx.n8n.api('GET', `/executions?${qs}`)).data;
}

/** The finished execution of example 1 that sold `paymentId`. */
async function finishedSell(ctx, paymentId) {
	return await h.eventually(async () => {
		const runs = await h.executionsOf(ctx, ctx.workflowByName(SELL).id);
		return runs.find((e) => e.stoppedAt && (h.nodeOutput(e, 'Create Order Code') || []).some((o) => o.paymentId === paymentId));
	}, { what: `example 1 to finish with payment ${paymentId}` });
}

/** The text of the QR code in a PNG, as a wallet's camera reads it. */
function decodeQrPng(buffer) {
	const image = PNG.sync.read(buffer);
	const found = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
	assert.ok(found, 'no QR code found in the PNG');
	return found.data;
}

async function successfulRuns(ctx, workflowName) {
	const executions = await h.executionsOf(ctx, ctx.workflowByName(workflowName).id);
	return executions.filter((e) => e.status === 'success');
}

module.exports = (t) => {
	t.test('Example 1 answers an order request with the QR code PNG at once, while its execution keeps waiting', async (ctx) => {
		const res = await h.callWebhook(ctx, 'alipay-order-code?amount=8.80&currency=SGD&description=Two%20teas&wait=2', {
			method: 'GET',
		});
		assert.equal(res.status, 200, res.text.slice(0, 300));
		assert.match(res.headers.get('content-type') || '', /^image\/png/);
		const paymentId = res.headers.get('x-alipay-payment-id');
		assert.ok(paymentId, 'no X-Alipay-Payment-Id header');
		const payment = await ctx.simulator.control('GET', `/payments/${encodeURIComponent(paymentId)}`);
		assert.equal(payment.status, 'PROCESSING');
		assert.deepEqual(payment.paymentAmount, { currency: 'SGD', value: '880' });
		assert.equal(payment.paymentNotifyUrl, `${ctx.n8n.baseUrl}/webhook/${h.triggerPath(ctx.workflowByName(RECORD), 'payment')}`);
		// What the customer's wallet reads from the picture, decoded by a QR reader independent of the node.
		const codeValue = decodeQrPng(res.buffer);
		assert.equal(codeValue, res.headers.get('x-alipay-code-value'));
		const running = await runningSells(ctx);
		assert.equal(running.length, 1, 'the execution should still be waiting for the customer');
		state.payment = payment;
		state.codeValue = codeValue;
	});

	t.test('The customer pays the decoded code on the wallet page; example 1 ends paid and writes its row', async (ctx) => {
		assert.equal((await successfulRuns(ctx, RECORD)).length, 0);
		const browser = await launch({ parentDir: ctx.workDir });
		try {
			const page = await browser.context.newPage();
			await page.goto(state.codeValue);
			await page.click('button.pay');
			await page.waitForSelector('text=SUCCESS');
		} finally {
			await browser.close();
		}
		const sell = await finishedSell(ctx, state.payment.paymentId);
		assert.equal(sell.status, 'success', JSON.stringify(h.executionError(sell) || {}));
		const result = h.nodeOutput(sell, 'Wait for the customer')[0];
		assert.deepEqual(
			[result.paymentStatus, result.paid, result.paymentId, result.paymentRequestId],
			['SUCCESS', true, state.payment.paymentId, state.payment.paymentRequestId],
		);
		const orders = (await h.dataTableRows(ctx, ORDERS_TABLE)).filter((r) => r.paymentId === state.payment.paymentId);
		assert.deepEqual(orders.map((r) => [r.status, r.amount, r.currency]), [['paid', '8.80', 'SGD']]);
	});

	t.test('When the customer paid, the published example 2 runs once and the Data Table gets exactly one row', async (ctx) => {
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

	t.test("Example 1 answers a bad amount with HTTP 400 and the node's own message, creating nothing", async (ctx) => {
		const before = (await ctx.simulator.control('GET', '/payments')).payments.length;
		for (const [amount, message] of [['12.345', /Amount .*decimal place/], ['abc', /"abc" is not an amount/]]) {
			const res = await h.callWebhook(ctx, `alipay-order-code?amount=${amount}&currency=SGD`, { method: 'GET' });
			assert.equal(res.status, 400, res.text.slice(0, 300));
			assert.match(res.json && res.json.error, message);
			assert.ok(res.json.description, 'no description');
		}
		assert.equal((await ctx.simulator.control('GET', '/payments')).payments.length, before);
	});

	t.test('Example 1 with nobody paying ends cancelled, and the simulator shows the order CANCELLED', async (ctx) => {
		const res = await h.callWebhook(ctx, 'alipay-order-code?amount=3.20&currency=SGD&wait=0.05', { method: 'GET' });
		assert.equal(res.status, 200, res.text.slice(0, 300));
		const paymentId = res.headers.get('x-alipay-payment-id');
		const sell = await finishedSell(ctx, paymentId);
		assert.equal(sell.status, 'success', JSON.stringify(h.executionError(sell) || {}));
		assert.equal(h.nodeOutput(sell, 'Wait for the customer')[0].waitEndedBy, 'maxWait');
		const payment = await ctx.simulator.control('GET', `/payments/${encodeURIComponent(paymentId)}`);
		assert.equal(payment.status, 'CANCELLED');
		const orders = (await h.dataTableRows(ctx, ORDERS_TABLE)).filter((r) => r.paymentId === paymentId);
		assert.deepEqual(orders.map((r) => r.status), ['cancelled']);
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

	t.test('Example 4 registers a shop as PENDING, and the approval reaches example 5\'s registration webhook and row', async (ctx) => {
		const execution = await h.runManually(ctx, ctx.workflowByName(ONBOARD), 'Register a new shop');
		const workflow = ctx.workflowByName(DECISIONS);
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
		state.decision = delivery;
	});

	// Example 5 acknowledges at once with Skip Duplicates: the memory it keeps in the workflow's static
	// data works only if n8n saved that data after the first delivery.
	t.test('Example 5 acknowledges a redelivered decision without running again: n8n kept its duplicate memory', async (ctx) => {
		const workflow = ctx.workflowByName(DECISIONS);
		const before = (await h.executionsOf(ctx, workflow.id)).length;
		const resent = await ctx.simulator.control('POST', `/notifications/${encodeURIComponent(state.decision.id)}/resend`, {});
		const last = resent.attempts[resent.attempts.length - 1];
		assert.equal(last.acknowledged, true, JSON.stringify(last));
		await sleep(1000);
		assert.equal((await h.executionsOf(ctx, workflow.id)).length, before);
	});
};
