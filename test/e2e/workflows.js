'use strict';
// The suite's own workflow (the examples are imported too): one published webhook that runs any of
// the 8 operations with parameters from the request body, so each operation runs inside n8n as a
// user's workflow would, and its output comes back as the HTTP answer.

const { CREDENTIAL_ID, CREDENTIAL_NAME } = require('../../scripts/lib/stage');

const OPERATION_WEBHOOK_PATH = 'alipay-e2e-operation';
const CRED = { alipayApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };

const MERCHANT = {
	referenceMerchantId: 'M-E2E-001',
	merchantName: 'E2E Coffee',
	merchantMCC: '5812',
	referenceStoreId: 'S-E2E-001',
	storeName: 'E2E Coffee Raffles Place',
	storeMCC: '5812',
};

const body = (field) => `={{ $json.body.${field} }}`;

/** Operation name as sent in the request body → the Alipay node's parameters for it. */
const OPERATIONS = {
	createOrderCode: {
		resource: 'payment',
		operation: 'createOrderCode',
		amount: body('amount'),
		currency: body('currency'),
		orderDescription: body('orderDescription'),
		paymentNotifyUrl: body('paymentNotifyUrl'),
		// Overrides the shop the suite's credential carries, so both places are exercised.
		additionalFields: { ...MERCHANT, paymentRequestId: body('paymentRequestId') },
		options: {},
	},
	getPayment: { resource: 'payment', operation: 'get', findBy: 'paymentId', paymentId: body('paymentId'), options: {} },
	cancelPayment: { resource: 'payment', operation: 'cancel', findBy: 'paymentId', paymentId: body('paymentId'), options: {} },
	refundPayment: {
		resource: 'payment',
		operation: 'refund',
		paymentId: body('paymentId'),
		refundAmount: body('refundAmount'),
		currency: body('currency'),
		additionalFields: { refundRequestId: body('refundRequestId'), refundReason: 'e2e partial refund' },
		options: {},
	},
	getRefund: {
		resource: 'refund',
		operation: 'get',
		findBy: 'refundRequestId',
		refundRequestId: body('refundRequestId'),
		options: {},
	},
	registerMerchant: {
		resource: 'merchant',
		operation: 'register',
		referenceMerchantId: body('referenceMerchantId'),
		merchantDisplayName: 'E2E Bakery',
		merchantMCC: '5462',
		referenceStoreId: body('referenceStoreId'),
		storeName: 'E2E Bakery Bugis',
		storeMCC: '5462',
		legalName: 'E2E Bakery Pte. Ltd.',
		registrationNo: '201912345K',
		registrationRegion: 'SG',
		additionalFields: {
			registrationNotifyUrl: body('registrationNotifyUrl'),
			registrationRequestId: body('registrationRequestId'),
			websiteUrl: 'https://e2e-bakery.example',
		},
		options: {},
	},
	getRegistrationStatus: {
		resource: 'merchant',
		operation: 'getRegistrationStatus',
		findBy: 'registrationRequestId',
		registrationRequestId: body('registrationRequestId'),
		additionalFields: {},
		options: {},
	},
	getRegistrationInfo: {
		resource: 'merchant',
		operation: 'getRegistrationInfo',
		referenceMerchantId: body('referenceMerchantId'),
		additionalFields: { referenceStoreId: body('referenceStoreId') },
		options: {},
	},
};

function operationsWorkflow() {
	const names = Object.keys(OPERATIONS);
	const nodes = [
		{
			id: 'e2e-webhook',
			name: 'Operation request',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			position: [0, 400],
			webhookId: 'a11ba7e0-00e2-4c0d-9e5a-0000000000e2',
			parameters: {
				httpMethod: 'POST',
				path: OPERATION_WEBHOOK_PATH,
				responseMode: 'lastNode',
				responseData: 'firstEntryJson',
				options: {},
			},
		},
		{
			id: 'e2e-switch',
			name: 'By operation',
			type: 'n8n-nodes-base.switch',
			typeVersion: 3.2,
			position: [240, 400],
			parameters: {
				mode: 'expression',
				numberOutputs: names.length,
				output: `={{ ${JSON.stringify(names)}.indexOf($json.body.operation) }}`,
				options: {},
			},
		},
		...names.map((name, i) => ({
			id: `e2e-${name}`,
			name,
			type: 'n8n-nodes-alipay.alipay',
			typeVersion: 1,
			position: [520, i * 120],
			// Errors come back as the webhook's answer ({ error }), so tests can read their messages.
			onError: 'continueRegularOutput',
			parameters: OPERATIONS[name],
			credentials: CRED,
		})),
	];
	return {
		id: 'alipayE2eOps0001',
		name: 'E2E: every Alipay operation',
		nodes,
		connections: {
			'Operation request': { main: [[{ node: 'By operation', type: 'main', index: 0 }]] },
			'By operation': { main: names.map((name) => [{ node: name, type: 'main', index: 0 }]) },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * Triggers that acknowledge only after the workflow succeeded: n8n itself writes the answer then
 * (lastNode), the path where n8n's `firstEntryJson` pitfall would show. One run succeeds, one fails.
 */
function acknowledgeAfterSuccessWorkflows() {
	const trigger = (webhookId) => ({
		id: `${webhookId}-trigger`,
		name: 'Payment received',
		type: 'n8n-nodes-alipay.alipayTrigger',
		typeVersion: 1,
		position: [0, 0],
		webhookId,
		parameters: { events: ['paymentSucceeded'], acknowledge: 'afterWorkflowSucceeds', options: {} },
		credentials: CRED,
	});
	const then = (node) => ({ 'Payment received': { main: [[{ node, type: 'main', index: 0 }]] } });
	return [
		{
			id: 'alipayE2eAckOk01',
			name: 'E2E: acknowledge after success',
			nodes: [
				trigger('a11ba7e0-00e2-4c0d-9e5a-0000000000a1'),
				{ id: 'ack-ok-noop', name: 'Ship the order', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [240, 0], parameters: {} },
			],
			connections: then('Ship the order'),
			settings: { executionOrder: 'v1' },
			pinData: {},
		},
		{
			id: 'alipayE2eAckErr1',
			name: 'E2E: acknowledge after success, failing',
			nodes: [
				trigger('a11ba7e0-00e2-4c0d-9e5a-0000000000a2'),
				{
					id: 'ack-err-stop',
					name: 'Warehouse is down',
					type: 'n8n-nodes-base.stopAndError',
					typeVersion: 1,
					position: [240, 0],
					parameters: { errorType: 'errorMessage', errorMessage: 'The warehouse system is down' },
				},
			],
			connections: then('Warehouse is down'),
			settings: { executionOrder: 'v1' },
			pinData: {},
		},
	];
}

module.exports = { operationsWorkflow, acknowledgeAfterSuccessWorkflows, OPERATIONS, OPERATION_WEBHOOK_PATH, CRED };
