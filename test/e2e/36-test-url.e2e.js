'use strict';
// The trigger's Test URL (/webhook-test/...), which n8n registers only while the editor listens
// for a test event: what a user does first, before publishing.

const { assert } = require('../../scripts/lib/harness');
const h = require('./helpers');

const RECORD = 'Alipay example 2: Record paid orders';

module.exports = (t) => {
	t.test('while the editor listens, a notification to the Test URL is verified, acknowledged and run once', async (ctx) => {
		const workflow = ctx.workflowByName(RECORD);
		const listening = await ctx.n8n.rest('POST', `/workflows/${workflow.id}/run`, {
			triggerToStartFrom: { name: 'Payment received' },
		});
		assert.equal(listening.waitingForWebhook, true, JSON.stringify(listening));

		const urlPath = h.triggerPath(workflow, 'payment');
		const text = JSON.stringify({
			notifyType: 'PAYMENT_RESULT',
			result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
			paymentRequestId: `e2e-test-url-${Date.now()}`,
			paymentId: `2026TESTURL${Date.now()}`,
			paymentAmount: { currency: 'SGD', value: '4200' },
			paymentCreateTime: '2026-11-29T17:00:00+08:00',
			paymentTime: '2026-11-29T17:00:09+08:00',
		});
		const headers = h.signedNotification(ctx, urlPath, text, undefined, 'webhook-test');
		const res = await h.callWebhook(ctx, urlPath, { headers, rawBody: text, prefix: 'webhook-test' });
		assert.equal(res.status, 200, res.text);
		assert.deepEqual(res.json, h.core(ctx).NOTIFICATION_ACK);

		const manual = await h.eventually(async () => {
			const runs = (await h.executionsOf(ctx, workflow.id)).filter((e) => e.mode === 'manual' && e.stoppedAt);
			return runs.length ? runs : undefined;
		}, { what: 'the test run' });
		assert.equal(manual.length, 1);
		assert.equal(manual[0].status, 'success', JSON.stringify(h.executionError(manual[0]) || {}));
		const trigger = h.nodeOutput(manual[0], 'Payment received')[0];
		assert.equal(trigger.amount, '42.00');
		assert.equal(trigger.status, 'SUCCESS');
	});
};
