'use strict';
// The queue suite's own workflows, beside the examples and the e2e operations workflow it imports
// too: order codes in bulk (the storm's 1,000 orders, made by n8n as a shop's workflow would), and
// a trigger that relies on Skip Duplicates alone, to measure what that memory does in queue mode.

const { OPERATIONS, CRED } = require('../e2e/workflows');

const CREATE_ORDERS_PATH = 'alipay-queue-create-orders';

/** POST { orders: [{ body: <createOrderCode fields> }] } → Create Order Code per order → all outputs. */
function createOrdersWorkflow() {
	return {
		id: 'alipayQueueBulk01',
		name: 'Queue: create order codes in bulk',
		nodes: [
			{
				id: 'bulk-webhook',
				name: 'Orders',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'a11ba7e0-00e2-4c0d-9e5a-00000000b001',
				parameters: { httpMethod: 'POST', path: CREATE_ORDERS_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			{
				id: 'bulk-split',
				name: 'One item per order',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [240, 0],
				parameters: { fieldToSplitOut: 'body.orders', options: {} },
			},
			{
				id: 'bulk-create',
				name: 'Create Order Code',
				type: 'n8n-nodes-alipay.alipay',
				typeVersion: 1,
				position: [480, 0],
				// Each order item is { body: {...} }, the shape the e2e operations workflow reads. Codes
				// stay open 30 minutes (not Alipay's usual 3): a loaded machine takes minutes to make
				// 1,000, and all are paid only then. Only the code's link, no image: the storm is about
				// notifications.
				parameters: {
					...OPERATIONS.createOrderCode,
					additionalFields: { ...OPERATIONS.createOrderCode.additionalFields, codeValidityMinutes: 30 },
					options: { ...OPERATIONS.createOrderCode.options, qrCodeImage: 'none' },
				},
				credentials: CRED,
			},
		],
		connections: {
			Orders: { main: [[{ node: 'One item per order', type: 'main', index: 0 }]] },
			'One item per order': { main: [[{ node: 'Create Order Code', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** Acknowledges at once and skips duplicates with the trigger's memory, nothing else. */
function skipDuplicatesWorkflow() {
	return {
		id: 'alipayQueueSkip01',
		name: 'Queue: Skip Duplicates only',
		nodes: [
			{
				id: 'skip-trigger',
				name: 'Payment received',
				type: 'n8n-nodes-alipay.alipayTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: 'a11ba7e0-00e2-4c0d-9e5a-00000000b002',
				parameters: { events: ['paymentSucceeded'], acknowledge: 'immediately', skipDuplicates: true, options: {} },
				credentials: CRED,
			},
			{ id: 'skip-noop', name: 'Ship the order', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
		],
		connections: { 'Payment received': { main: [[{ node: 'Ship the order', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** Example 2 as shipped, where the storm goes. */
const RECORD = 'Alipay example 2: Record paid orders';

function all() {
	return [createOrdersWorkflow(), skipDuplicatesWorkflow()];
}

module.exports = { all, CREATE_ORDERS_PATH, RECORD };
