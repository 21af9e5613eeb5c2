'use strict';
// All 8 operations, each run by n8n inside a published workflow (test/e2e/workflows.js), and each
// output checked against what the simulator holds afterwards (its /_sim views, not the node's word).

const { assert } = require('../../scripts/lib/harness');
const { runOperation: operation, triggerPath, webhookUrl } = require('./helpers');

const run = `${Date.now().toString(36)}`;
const state = {};

function noError(name, output) {
	assert.equal(output.error, undefined, `${name} failed: ${JSON.stringify(output)}`);
}

/** Where payments and registrations made here notify: published triggers that ignore these events. */
function notifyUrl(ctx, kind) {
	return webhookUrl(ctx, triggerPath(ctx.workflowByName('Alipay example 5: Record registration decisions'), kind));
}

async function createOrder(ctx, suffix, amount) {
	const paymentRequestId = `e2e-${run}-${suffix}`;
	const out = await operation(ctx, 'createOrderCode', {
		paymentRequestId,
		amount,
		currency: 'SGD',
		orderDescription: `E2E order ${suffix}`,
		paymentNotifyUrl: notifyUrl(ctx, 'payment'),
	});
	noError('Create Order Code', out);
	return out;
}

module.exports = (t) => {
	t.test('Create Order Code creates a PROCESSING payment at the simulator and outputs its QR content', async (ctx) => {
		const out = await createOrder(ctx, 'paid', '12.50');
		const payment = await ctx.simulator.control('GET', `/payments/${encodeURIComponent(out.paymentId)}`);
		assert.equal(payment.status, 'PROCESSING');
		assert.equal(payment.paymentRequestId, out.paymentRequestId);
		assert.deepEqual(payment.paymentAmount, { currency: 'SGD', value: '1250' });
		assert.equal(out.codeValue, payment.orderCode.text);
		assert.equal(out.amount, '12.50');
		assert.equal(out.amountMinor, '1250');
		state.paid = out;
	});

	t.test('Create Order Code whose answer is lost is resent with the same request ID: one payment, not two', async (ctx) => {
		// The simulator creates the payment, then drops the connection instead of answering.
		await ctx.simulator.control('POST', '/faults', { mode: 'drop', endpoint: 'pay', timing: 'after', count: 1 });
		const out = await createOrder(ctx, 'lost-answer', '7.00');
		assert.deepEqual((await ctx.simulator.control('GET', '/faults')).faults, [], 'the fault was never triggered');
		const { payments } = await ctx.simulator.control(
			'GET',
			`/payments?paymentRequestId=${encodeURIComponent(out.paymentRequestId)}`,
		);
		assert.equal(payments.length, 1);
		assert.equal(payments[0].paymentId, out.paymentId);
	});

	t.test('Get Payment reports PROCESSING, then SUCCESS once the customer paid in the simulator', async (ctx) => {
		const before = await operation(ctx, 'getPayment', { paymentId: state.paid.paymentId });
		noError('Get', before);
		assert.equal(before.paymentStatus, 'PROCESSING');
		const paid = await ctx.simulator.control('POST', `/payments/${encodeURIComponent(state.paid.paymentId)}/pay`, {});
		assert.equal(paid.status, 'SUCCESS');
		const after = await operation(ctx, 'getPayment', { paymentId: state.paid.paymentId });
		noError('Get', after);
		assert.equal(after.paymentStatus, 'SUCCESS');
		assert.equal(after.paid, true);
		assert.equal(after.paymentRequestId, state.paid.paymentRequestId);
		assert.equal(after.amountMinor, '1250');
	});

	t.test('Refund gives back part of a paid payment and the simulator records exactly that refund', async (ctx) => {
		const refundRequestId = `e2e-${run}-refund-1`;
		const out = await operation(ctx, 'refundPayment', {
			paymentId: state.paid.paymentId,
			refundAmount: '2.50',
			currency: 'SGD',
			refundRequestId,
		});
		noError('Refund', out);
		assert.equal(out.refundRequestId, refundRequestId);
		assert.equal(out.refundAmountMinor, '250');
		const payment = await ctx.simulator.control('GET', `/payments/${encodeURIComponent(state.paid.paymentId)}`);
		const refunds = payment.refunds.filter((r) => r.kind === 'REFUND');
		assert.equal(refunds.length, 1);
		assert.equal(refunds[0].refundId, out.refundId);
		assert.deepEqual(refunds[0].refundAmount, { currency: 'SGD', value: '250' });
		state.refund = out;
	});

	t.test('Refund of more than is left fails with REFUND_AMOUNT_EXCEED and records nothing', async (ctx) => {
		const out = await operation(ctx, 'refundPayment', {
			paymentId: state.paid.paymentId,
			refundAmount: '100.00',
			currency: 'SGD',
			refundRequestId: `e2e-${run}-refund-too-much`,
		});
		assert.ok(out.error, `expected an error, got ${JSON.stringify(out)}`);
		assert.match(JSON.stringify(out), /REFUND_AMOUNT_EXCEED|more than/i);
		const payment = await ctx.simulator.control('GET', `/payments/${encodeURIComponent(state.paid.paymentId)}`);
		assert.equal(payment.refunds.filter((r) => r.kind === 'REFUND').length, 1);
	});

	t.test('Get Refund reads back the refund the simulator holds', async (ctx) => {
		const out = await operation(ctx, 'getRefund', { refundRequestId: state.refund.refundRequestId });
		noError('Get Refund', out);
		assert.equal(out.refundId, state.refund.refundId);
		assert.equal(out.refundStatus, 'SUCCESS');
		assert.equal(out.refundAmountMinor, '250');
	});

	t.test('Cancel closes an unpaid order code and the simulator marks the payment CANCELLED', async (ctx) => {
		const order = await createOrder(ctx, 'cancel', '3.00');
		const out = await operation(ctx, 'cancelPayment', { paymentId: order.paymentId });
		noError('Cancel', out);
		assert.equal(out.paymentId, order.paymentId);
		const payment = await ctx.simulator.control('GET', `/payments/${encodeURIComponent(order.paymentId)}`);
		assert.equal(payment.status, 'CANCELLED');
	});

	t.test('Register Merchant creates a PENDING registration at the simulator', async (ctx) => {
		const registrationRequestId = `e2e-${run}-reg`;
		const out = await operation(ctx, 'registerMerchant', {
			registrationRequestId,
			referenceMerchantId: `M-E2E-${run}`,
			referenceStoreId: `S-E2E-${run}`,
			registrationNotifyUrl: notifyUrl(ctx, 'registration'),
		});
		noError('Register', out);
		assert.equal(out.registrationRequestId, registrationRequestId);
		const registration = await ctx.simulator.control('GET', `/registrations/${encodeURIComponent(registrationRequestId)}`);
		assert.equal(registration.status, 'PENDING');
		assert.equal(registration.referenceMerchantId, `M-E2E-${run}`);
		state.registration = out;
	});

	t.test('Get Registration Status reports PENDING, then the wallets approval the simulator recorded', async (ctx) => {
		const id = state.registration.registrationRequestId;
		const before = await operation(ctx, 'getRegistrationStatus', { registrationRequestId: id });
		noError('Get Registration Status', before);
		assert.equal(before.registrationStatus, 'PENDING');
		const approved = await ctx.simulator.control('POST', `/registrations/${encodeURIComponent(id)}/approve`, {});
		assert.equal(approved.status, 'COMPLETED');
		const after = await operation(ctx, 'getRegistrationStatus', { registrationRequestId: id });
		noError('Get Registration Status', after);
		assert.equal(after.registrationStatus, 'COMPLETED');
		assert.deepEqual(after.approvedBy, approved.wallets.map((w) => w.pspName));
	});

	t.test('Get Registration Info returns the approved merchant and store the simulator holds', async (ctx) => {
		const out = await operation(ctx, 'getRegistrationInfo', {
			referenceMerchantId: state.registration.referenceMerchantId,
			referenceStoreId: state.registration.referenceStoreId,
		});
		noError('Get Registration Info', out);
		assert.equal(out.referenceMerchantId, state.registration.referenceMerchantId);
		assert.equal(out.referenceStoreId, state.registration.referenceStoreId);
		assert.equal(out.storeName, 'E2E Bakery Bugis');
		assert.equal(out.merchantMCC, '5462');
	});
};
