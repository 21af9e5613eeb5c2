'use strict';
// Money safety inside a real n8n: its execution Retry (REST POST /rest/executions/{id}/retry, with
// the original and with the current workflow) sends the same request IDs again, so it completes
// the lost order, refund or registration instead of making a second one; answers that are not
// about the request are outcome unknown; a Custom Base URL behind a prefix-stripping proxy works;
// and a fault-injection run of 300 items counts duplicates, false successes and false refusals.

const http = require('node:http');
const { assert, eventually } = require('../../scripts/lib/harness');
const { CRED } = require('./workflows');
const { callWebhook, runOperation, nodeOutput, executionError, triggerPath } = require('./helpers');

const run = Date.now().toString(36);
const body = (field) => `={{ $json.body.${field} }}`;
const MERCHANT = {
	referenceMerchantId: 'M-E2E-RETRY',
	merchantName: 'E2E Retry Coffee',
	merchantMCC: '5812',
	referenceStoreId: 'S-E2E-RETRY',
	storeName: 'E2E Retry Coffee Bugis',
	storeMCC: '5812',
};

/** What the retry workflows run: every request ID left empty, so the node derives it. */
const ACTIONS = {
	order: {
		resource: 'payment',
		operation: 'createOrderCode',
		amount: body('amount'),
		currency: 'SGD',
		orderDescription: body('orderDescription'),
		paymentNotifyUrl: body('notifyUrl'),
		// The shop is set here, not taken from the credential: the proxy test's credential has none.
		additionalFields: { ...MERCHANT },
	},
	refund: {
		resource: 'payment',
		operation: 'refund',
		paymentId: body('paymentId'),
		refundAmount: body('amount'),
		currency: 'SGD',
		additionalFields: { refundReason: body('reason') },
	},
	registration: {
		resource: 'merchant',
		operation: 'register',
		referenceMerchantId: body('merchantId'),
		merchantDisplayName: 'E2E Retry Bakery',
		merchantMCC: '5462',
		referenceStoreId: body('merchantId'),
		storeName: 'E2E Retry Bakery Bugis',
		storeMCC: '5462',
		legalName: 'E2E Retry Bakery Pte. Ltd.',
		registrationNo: '201912345K',
		registrationRegion: 'SG',
		additionalFields: { registrationNotifyUrl: body('notifyUrl') },
	},
};

/** Webhook → Alipay, without Continue On Fail: a lost answer fails the execution, which n8n can then retry. */
function actionWorkflow(name, parameters, options) {
	const path = `alipay-e2e-retry-${name}-${run}`;
	return {
		path,
		workflow: {
			name: `E2E retry: ${name} ${run}`,
			nodes: [
				{
					id: `retry-${name}-webhook`,
					name: 'Request',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: `retry-${name}-${run}`,
					parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
				},
				{
					id: `retry-${name}-alipay`,
					name: 'Alipay',
					type: 'n8n-nodes-alipay.alipay',
					typeVersion: 1,
					position: [240, 0],
					parameters: { ...parameters, options },
					credentials: CRED,
				},
			],
			connections: { Request: { main: [[{ node: 'Alipay', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1', saveDataErrorExecution: 'all', saveDataSuccessExecution: 'all' },
		},
	};
}

/** Creates and publishes a workflow through the public API; returns it with its webhook path. */
async function publish(ctx, { path, workflow }) {
	const created = await ctx.n8n.api('POST', '/workflows', workflow);
	await ctx.n8n.api('POST', `/workflows/${created.id}/publish`);
	await ctx.n8n.waitForWebhook(`/webhook/${path}`);
	return { ...created, path };
}

const state = {};

async function retryWorkflows(ctx) {
	if (!state.workflows) {
		const options = { maxAttempts: 1 };
		state.workflows = {};
		for (const [name, parameters] of Object.entries(ACTIONS)) {
			state.workflows[name] = await publish(ctx, actionWorkflow(name, parameters, options));
		}
	}
	return state.workflows;
}

function notifyUrl(ctx, kind) {
	return `${ctx.n8n.baseUrl}/webhook/${triggerPath(ctx.workflowByName('Alipay example 5: Record registration decisions'), kind)}`;
}

/** The newest execution of a workflow, once it has finished. */
async function latestExecution(ctx, workflowId, notId) {
	return await eventually(
		async () => {
			const page = await ctx.n8n.api('GET', `/executions?workflowId=${workflowId}&includeData=true&limit=5`);
			const execution = page.data.find((e) => e.id !== notId);
			return execution && execution.stoppedAt ? execution : undefined;
		},
		{ what: `an execution of workflow ${workflowId}` },
	);
}

/** n8n's execution Retry through its REST API, as the executions list's Retry menu calls it. */
async function retryExecution(ctx, executionId, loadWorkflow) {
	const retried = await ctx.n8n.rest('POST', `/executions/${executionId}/retry`, { loadWorkflow });
	return await eventually(
		async () => {
			const execution = await ctx.n8n.api('GET', `/executions/${retried.id}?includeData=true`);
			return execution && execution.stoppedAt ? execution : undefined;
		},
		{ what: `retried execution ${retried.id}` },
	);
}

async function paidPayment(ctx, suffix) {
	const order = await runOperation(ctx, 'createOrderCode', {
		paymentRequestId: `e2e-${run}-retry-${suffix}`,
		amount: '20.00',
		currency: 'SGD',
		orderDescription: `E2E retry ${suffix}`,
		paymentNotifyUrl: notifyUrl(ctx, 'payment'),
	});
	assert.equal(order.error, undefined, JSON.stringify(order));
	await ctx.simulator.control('POST', `/payments/${encodeURIComponent(order.paymentId)}/pay`, {});
	return order.paymentId;
}

async function refundsOf(ctx, paymentId) {
	const payment = await ctx.simulator.control('GET', `/payments/${encodeURIComponent(paymentId)}`);
	return payment.refunds.filter((r) => r.kind === 'REFUND');
}

/** Fails one execution by losing every answer (the gateway processes each call), then retries it with the fault gone. */
async function loseThenRetry(ctx, workflow, endpoint, input, loadWorkflow) {
	await ctx.simulator.control('DELETE', '/faults');
	await ctx.simulator.control('POST', '/faults', { mode: 'drop', endpoint, timing: 'after', count: 1 });
	const res = await callWebhook(ctx, workflow.path, { body: input });
	assert.notEqual(res.status, 200, `the execution should fail: ${res.text.slice(0, 300)}`);
	const failed = await latestExecution(ctx, workflow.id);
	assert.equal(failed.status, 'error');
	const error = executionError(failed);
	assert.match(`${error.message} ${error.description}`, /outcome unknown/);
	assert.deepEqual((await ctx.simulator.control('GET', '/faults')).faults, [], 'the fault was never triggered');
	const retried = await retryExecution(ctx, failed.id, loadWorkflow);
	assert.equal(retried.status, 'success', `the retry failed: ${JSON.stringify(executionError(retried))}`);
	assert.equal(String(retried.retryOf), String(failed.id));
	return { failed, retried, output: nodeOutput(retried, 'Alipay')[0] };
}

module.exports = (t) => {
	for (const loadWorkflow of [false, true]) {
		const variant = loadWorkflow ? 'with the current workflow' : 'with the original workflow';

		t.test(`Retry ${variant} of a refund whose answers were lost: exactly one refund, output by the retry`, async (ctx) => {
			const { refund } = await retryWorkflows(ctx);
			const paymentId = await paidPayment(ctx, `refund-${loadWorkflow}`);
			const { output } = await loseThenRetry(ctx, refund, 'refund', { paymentId, amount: '5.00', reason: 'retry' }, loadWorkflow);
			const refunds = await refundsOf(ctx, paymentId);
			assert.equal(refunds.length, 1, `refunds at the simulator: ${JSON.stringify(refunds)}`);
			assert.equal(output.refundId, refunds[0].refundId);
			assert.equal(output.refundRequestId, refunds[0].refundRequestId);
		});

		t.test(`Retry ${variant} of Create Order Code whose answers were lost: exactly one order, output by the retry`, async (ctx) => {
			const { order } = await retryWorkflows(ctx);
			const description = `E2E retry order ${run} ${loadWorkflow}`;
			const { output } = await loseThenRetry(ctx, order, 'pay', { amount: '8.00', orderDescription: description, notifyUrl: notifyUrl(ctx, 'payment') }, loadWorkflow);
			const { payments } = await ctx.simulator.control('GET', '/payments');
			const mine = payments.filter((p) => p.orderDescription === description);
			assert.equal(mine.length, 1, `orders at the simulator: ${JSON.stringify(mine)}`);
			assert.equal(output.paymentId, mine[0].paymentId);
		});

		t.test(`Retry ${variant} of Register whose answers were lost: exactly one registration, output by the retry`, async (ctx) => {
			const { registration } = await retryWorkflows(ctx);
			const merchantId = `M-RETRY-${run}-${loadWorkflow ? 'C' : 'O'}`;
			const { output } = await loseThenRetry(ctx, registration, 'registration', { merchantId, notifyUrl: notifyUrl(ctx, 'registration') }, loadWorkflow);
			const requests = (await ctx.simulator.control('GET', '/requests')).requests.filter(
				(r) => r.endpoint === 'registration' && JSON.parse(r.requestBody).merchantInfo.referenceMerchantId === merchantId,
			);
			assert.equal(requests.length, 2, 'one request per execution');
			const ids = new Set(requests.map((r) => JSON.parse(r.requestBody).registrationRequestId));
			assert.equal(ids.size, 1, `the retry sent another registrationRequestId: ${[...ids]}`);
			const held = await ctx.simulator.control('GET', `/registrations/${encodeURIComponent([...ids][0])}`);
			assert.equal(held.referenceMerchantId, merchantId);
			assert.equal(output.registrationRequestId, [...ids][0]);
		});
	}

	t.test('control: two executions with different input give two refunds', async (ctx) => {
		const { refund } = await retryWorkflows(ctx);
		const paymentId = await paidPayment(ctx, 'control');
		for (const amount of ['1.00', '2.00']) {
			const res = await callWebhook(ctx, refund.path, { body: { paymentId, amount, reason: 'control' } });
			assert.equal(res.status, 200, res.text.slice(0, 300));
		}
		const refunds = await refundsOf(ctx, paymentId);
		assert.equal(refunds.length, 2);
		assert.notEqual(refunds[0].refundRequestId, refunds[1].refundRequestId);
	});

	t.test('a validly signed answer about another payment, or an old one, is outcome UNKNOWN, never the payment', async (ctx) => {
		const paymentId = await paidPayment(ctx, 'bound');
		for (const mode of ['otherAnswer', 'stale']) {
			await ctx.simulator.control('POST', '/faults', { mode, endpoint: 'inquiryPayment', count: 3 });
			const out = await runOperation(ctx, 'getPayment', { paymentId });
			assert.equal(out.outcome, 'UNKNOWN', `${mode}: ${JSON.stringify(out)}`);
			assert.equal(out.paymentStatus, undefined);
			assert.match(out.description, /does not belong to this request/);
		}
	});

	t.test('a Custom Base URL behind a prefix-stripping proxy: the request and the credential test both work', async (ctx) => {
		const proxy = await startPrefixProxy(ctx.simulator.baseUrl, '/alipay-gw');
		try {
			const data = {
				clientId: ctx.keys.clientId,
				environment: 'sandbox',
				gateway: 'custom',
				customBaseUrl: proxy.baseUrl,
				privateKey: ctx.keys.merchantPrivateKey,
				alipayPublicKey: ctx.keys.alipayPublicKey,
				keyVersion: 1,
			};
			const credential = await ctx.n8n.api('POST', '/credentials', { name: `Alipay behind a proxy ${run}`, type: 'alipayApi', data });
			const viaProxy = actionWorkflow(`proxy`, ACTIONS.order, {});
			viaProxy.workflow.nodes[1].credentials = { alipayApi: { id: credential.id, name: credential.name } };
			const workflow = await publish(ctx, viaProxy);
			const description = `E2E via proxy ${run}`;
			const res = await callWebhook(ctx, workflow.path, { body: { amount: '3.00', orderDescription: description, notifyUrl: notifyUrl(ctx, 'payment') } });
			assert.equal(res.status, 200, res.text.slice(0, 300));
			assert.deepEqual(proxy.forwarded, ['/ams/sandbox/api/v1/payments/pay']);
			const { payments } = await ctx.simulator.control('GET', '/payments');
			assert.equal(payments.filter((p) => p.orderDescription === description).length, 1);
			assert.equal(res.json.paymentId, payments.find((p) => p.orderDescription === description).paymentId);

			const tested = await ctx.n8n.rest('POST', '/credentials/test', {
				credentials: { id: credential.id, name: credential.name, type: 'alipayApi', data },
			});
			assert.equal(tested.status, 'OK', JSON.stringify(tested));
			const probes = proxy.forwarded.slice(1);
			assert.ok(probes.length > 0, 'the credential test went through the proxy');
			for (const path of probes) assert.match(path, /^\/ams\/sandbox\/api\/v1\/payments\//);
		} finally {
			await proxy.close();
		}
	});

	t.test('fault injection: 300 items through Create Order Code then Refund, 30% of answers lost or garbled, one Retry per failed execution', faultInjectionRun, { timeoutMs: 900000 });
};

/** A reverse proxy that serves `prefix` and removes it before forwarding, as nginx `proxy_pass http://gateway/;` does. */
async function startPrefixProxy(target, prefix) {
	const upstream = new URL(target);
	const forwarded = [];
	const server = http.createServer((req, res) => {
		if (!req.url.startsWith(`${prefix}/`)) return void res.writeHead(404).end();
		const path = req.url.slice(prefix.length);
		forwarded.push(path);
		const out = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path, headers: { ...req.headers, host: upstream.host } }, (answer) => {
			res.writeHead(answer.statusCode, answer.headers);
			answer.pipe(res);
		});
		out.on('error', () => res.destroy());
		req.pipe(out);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		baseUrl: `http://127.0.0.1:${server.address().port}${prefix}`,
		forwarded,
		close: () => new Promise((resolve) => server.close(resolve)),
	};
}

const ITEMS = 300;
const CONCURRENCY = 4;
/**
 * 10% each, drawn in turn: lost after processing, a signed answer about another request, a bad
 * signature. The last rule (no delay, every remaining call) only counts the calls answered normally.
 */
const FAULTS = [
	{ mode: 'drop', timing: 'after', rate: 0.1 },
	{ mode: 'otherAnswer', rate: 0.1 / 0.9 },
	{ mode: 'badSignature', rate: 0.1 / 0.8 },
	{ mode: 'latency', latencyMs: 0 },
];

/**
 * One webhook call on its own connection: a kept-alive socket that n8n closes just as it is
 * reused fails the call, and a call sent again would be a second business request. Only n8n's
 * own 503 ("Database is not ready", answered before any workflow starts) is sent again.
 */
async function post(ctx, path, input) {
	for (let attempt = 1; ; attempt++) {
		const status = await postOnce(ctx, path, input);
		if (status !== 503 || attempt === 20) return status;
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
}

function postOnce(ctx, path, input) {
	const url = new URL(`${ctx.n8n.baseUrl}/webhook/${path}`);
	const text = JSON.stringify(input);
	return new Promise((resolve, reject) => {
		const req = http.request(
			{ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } },
			(res) => {
				res.resume();
				res.on('end', () => resolve(res.statusCode));
			},
		);
		req.on('error', reject);
		req.end(text);
	});
}

/** Finished executions of a workflow, counted page by page without their data. */
async function finishedCount(ctx, workflowId) {
	let count = 0;
	let cursor;
	do {
		const qs = new URLSearchParams({ workflowId, limit: '250' });
		if (cursor) qs.set('cursor', cursor);
		const page = await ctx.n8n.api('GET', `/executions?${qs}`);
		count += page.data.filter((e) => e.stoppedAt).length;
		cursor = page.nextCursor;
	} while (cursor);
	return count;
}

async function inParallel(list, fn) {
	const results = new Array(list.length);
	let next = 0;
	await Promise.all(
		Array.from({ length: CONCURRENCY }, async () => {
			while (next < list.length) {
				const i = next++;
				results[i] = await fn(list[i], i);
			}
		}),
	);
	return results;
}

/**
 * One phase: an execution per item, then one n8n Retry of every execution that failed. Each item
 * ends as the final execution says: success (the node's output) or an error, which must be an
 * outcome unknown naming the item's request ID.
 */
async function phase(ctx, workflow, endpoint, inputs, keyOf, requestIdField) {
	for (const rule of FAULTS) await ctx.simulator.control('POST', '/faults', { endpoint, count: 100000, ...rule });
	const statuses = await inParallel(inputs, (input) => post(ctx, workflow.path, input));
	const answered = {};
	for (const status of statuses) answered[status] = (answered[status] || 0) + 1;
	// Without their data first: listing hundreds of executions with it is slow on a busy machine.
	await eventually(async () => ((await finishedCount(ctx, workflow.id)) >= inputs.length ? true : undefined), {
		timeoutMs: 300000,
		what: `${inputs.length} finished executions of ${workflow.name} (webhook answers: ${JSON.stringify(answered)})`,
	});
	const executions = (await ctx.n8n.executions(workflow.id)).filter((e) => e.stoppedAt);
	const failed = executions.filter((e) => e.status !== 'success');
	const retried = await inParallel(failed, (execution) => retryExecution(ctx, execution.id, false));
	const applied = (await ctx.simulator.control('GET', '/faults')).faults.map((rule) => rule.applied);
	await ctx.simulator.control('DELETE', '/faults');
	const finalByKey = new Map();
	for (const execution of executions) finalByKey.set(keyOf(execution), execution);
	failed.forEach((execution, i) => finalByKey.set(keyOf(execution), retried[i]));
	const outcomes = new Map();
	for (const [key, execution] of finalByKey) {
		if (execution.status === 'success') {
			outcomes.set(key, { kind: 'success', output: nodeOutput(execution, 'Alipay')[0] });
			continue;
		}
		const error = executionError(execution);
		const text = `${error.message} ${error.description}`;
		const unknown = /outcome unknown|outcome is unknown/.test(text);
		// Every unknown outcome says which ID to reuse: "… with the same paymentRequestId (<id>) …".
		const requestId = new RegExp(`same ${requestIdField} \\((\\w+)\\)`).exec(text);
		outcomes.set(key, { kind: unknown ? 'unknown' : 'refused', requestId: requestId && requestId[1], text });
	}
	return {
		executions: executions.length,
		failed: failed.length,
		retriesFailed: retried.filter((e) => e.status !== 'success').length,
		calls: applied.reduce((sum, n) => sum + n, 0),
		faulted: applied.slice(0, -1).reduce((sum, n) => sum + n, 0),
		outcomes,
	};
}

async function faultInjectionRun(ctx) {
	const options = { maxAttempts: 2, retryDelaySeconds: 0.05 };
	const order = await publish(ctx, actionWorkflow('fault-order', ACTIONS.order, options));
	const refund = await publish(ctx, actionWorkflow('fault-refund', ACTIONS.refund, options));
	const tag = `F${run}`;
	const items = Array.from({ length: ITEMS }, (_, i) => `${tag}-${i}`);
	const inputOf = (execution) => nodeOutput(execution, 'Request')[0].body;

	// Phase 1: an order per item.
	const ordered = await phase(
		ctx,
		order,
		'pay',
		items.map((item, i) => ({ amount: `${10 + (i % 50)}.00`, orderDescription: item, notifyUrl: notifyUrl(ctx, 'payment') })),
		(execution) => inputOf(execution).orderDescription,
		'paymentRequestId',
	);
	const { payments } = await ctx.simulator.control('GET', '/payments');
	const paymentsOf = new Map(items.map((item) => [item, payments.filter((p) => p.orderDescription === item)]));
	const report = { orders: tally(), refunds: tally() };
	for (const item of items) {
		const found = paymentsOf.get(item);
		const outcome = ordered.outcomes.get(item);
		judge(report.orders, item, outcome, found, (p) => p.paymentId === (outcome.output || {}).paymentId, (p) => p.paymentRequestId);
	}

	// The customers pay every order the node reported, then phase 2 refunds each in full.
	const toRefund = items.filter((item) => ordered.outcomes.get(item).kind === 'success');
	for (const item of toRefund) {
		await ctx.simulator.control('POST', `/payments/${encodeURIComponent(ordered.outcomes.get(item).output.paymentId)}/pay`, {});
	}
	const refunded = await phase(
		ctx,
		refund,
		'refund',
		toRefund.map((item) => {
			const { paymentId, amount } = ordered.outcomes.get(item).output;
			return { paymentId, amount, reason: item };
		}),
		(execution) => inputOf(execution).reason,
		'refundRequestId',
	);
	for (const item of toRefund) {
		const payment = await ctx.simulator.control('GET', `/payments/${encodeURIComponent(ordered.outcomes.get(item).output.paymentId)}`);
		const found = payment.refunds.filter((r) => r.kind === 'REFUND');
		const outcome = refunded.outcomes.get(item);
		judge(report.refunds, item, outcome, found, (r) => r.refundId === (outcome.output || {}).refundId, (r) => r.refundRequestId);
	}

	const calls = ordered.calls + refunded.calls;
	const faulted = ordered.faulted + refunded.faulted;
	console.log(`fault injection: ${ITEMS} items; ${calls} pay/refund calls, ${faulted} answers lost or garbled (${((100 * faulted) / calls).toFixed(0)}%)`);
	for (const [name, counts, result] of [
		['orders', report.orders, ordered],
		['refunds', report.refunds, refunded],
	]) {
		console.log(
			`  ${name}: ${result.executions} executions, ${result.failed} failed and retried once (${result.retriesFailed} failed again); ` +
				`${counts.success} success, ${counts.unknown} outcome unknown with request ID; ` +
				`duplicates ${counts.duplicates}, false successes ${counts.falseSuccess}, false refusals ${counts.falseRefusal}, refusals ${counts.refused}, unknown without request ID ${counts.unknownWithoutId}`,
		);
	}
	for (const counts of [report.orders, report.refunds]) {
		assert.equal(counts.duplicates, 0, 'duplicates');
		assert.equal(counts.falseSuccess, 0, `false successes: ${counts.examples.join(' | ')}`);
		assert.equal(counts.falseRefusal, 0, `false refusals: ${counts.examples.join(' | ')}`);
		assert.equal(counts.refused, 0, `refusals: ${counts.examples.join(' | ')}`);
		assert.equal(counts.unknownWithoutId, 0, `unknown outcomes without the request ID: ${counts.examples.join(' | ')}`);
	}
	assert.ok(faulted > 0.2 * calls, 'the run injected the faults it claims');
	assert.ok(report.orders.success > 0 && report.refunds.success > 0);
}

function tally() {
	return { success: 0, unknown: 0, refused: 0, duplicates: 0, falseSuccess: 0, falseRefusal: 0, unknownWithoutId: 0, examples: [] };
}

/**
 * One item against what the simulator holds: at most one record; a success must name it; an
 * unknown outcome must name the request ID of the record if there is one; a refusal must leave none.
 */
function judge(counts, item, outcome, found, isReported, requestIdOf) {
	const note = (what) => counts.examples.length < 5 && counts.examples.push(`${item}: ${what}`);
	if (found.length > 1) counts.duplicates++;
	if (!outcome) throw new Error(`${item} has no execution`);
	if (outcome.kind === 'success') {
		counts.success++;
		if (found.length !== 1 || !isReported(found[0])) (counts.falseSuccess++, note(`success ${JSON.stringify(outcome.output)} vs ${JSON.stringify(found)}`));
	} else if (outcome.kind === 'unknown') {
		counts.unknown++;
		if (!outcome.requestId || (found.length === 1 && requestIdOf(found[0]) !== outcome.requestId)) {
			counts.unknownWithoutId++;
			note(outcome.text.slice(0, 300));
		}
	} else {
		counts.refused++;
		note(outcome.text.slice(0, 300));
		if (found.length > 0) counts.falseRefusal++;
	}
}
