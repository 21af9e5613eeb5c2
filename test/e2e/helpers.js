'use strict';
// What the e2e tests do to n8n and the simulator, all over HTTP: call webhooks, run workflows the
// way the editor's "Execute workflow" does, read executions and Data Tables, sign notifications.

const path = require('node:path');
const { assert, eventually } = require('../../scripts/lib/harness');
const { OPERATION_WEBHOOK_PATH } = require('./workflows');

/**
 * The URL of a webhook: production URLs on n8n itself, or in queue mode on the load balancer in
 * front of the webhook processes (ctx.webhookBaseUrl); test URLs (`webhook-test`) always on main.
 */
function webhookUrl(ctx, urlPath, prefix = 'webhook') {
	const base = prefix === 'webhook' && ctx.webhookBaseUrl ? ctx.webhookBaseUrl : ctx.n8n.baseUrl;
	return `${base}/${prefix}/${urlPath.replace(/^\//, '')}`;
}

/** Calls a production webhook of the running n8n (prefix `webhook-test` for a test URL). */
async function callWebhook(ctx, urlPath, { method = 'POST', body, headers = {}, rawBody, prefix = 'webhook' } = {}) {
	const res = await fetch(webhookUrl(ctx, urlPath, prefix), {
		method,
		headers: body !== undefined ? { 'content-type': 'application/json', ...headers } : headers,
		body: rawBody !== undefined ? rawBody : body !== undefined ? JSON.stringify(body) : undefined,
		signal: AbortSignal.timeout(120000),
	});
	const buffer = Buffer.from(await res.arrayBuffer());
	let json;
	try {
		json = JSON.parse(buffer.toString('utf8'));
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, buffer, text: buffer.toString('utf8'), json };
}

/**
 * Runs one Alipay operation through n8n (the suite's operations workflow); returns the node's
 * first output item. Error answers are kept for the no-secrets check.
 */
async function runOperation(ctx, name, fields) {
	const res = await callWebhook(ctx, OPERATION_WEBHOOK_PATH, { body: { operation: name, ...fields } });
	assert.equal(res.status, 200, `${name}: HTTP ${res.status} ${res.text.slice(0, 300)}`);
	assert.ok(res.json, `${name}: answer is not JSON: ${res.text.slice(0, 200)}`);
	if (res.json.error !== undefined) ctx.collectedErrors = [...(ctx.collectedErrors || []), JSON.stringify(res.json)];
	return res.json;
}

/** Runs a stored workflow from one of its trigger nodes, as the editor's Execute button does. */
async function runManually(ctx, workflow, triggerName) {
	const { executionId } = await ctx.n8n.rest('POST', `/workflows/${workflow.id}/run`, {
		triggerToStartFrom: { name: triggerName },
	});
	return await waitForExecution(ctx, executionId);
}

/** Waits until an execution has finished and returns it with its data. */
async function waitForExecution(ctx, executionId, timeoutMs = 120000) {
	return await eventually(
		async () => {
			const execution = await ctx.n8n.api('GET', `/executions/${executionId}?includeData=true`);
			return execution && execution.finished !== undefined && execution.stoppedAt ? execution : undefined;
		},
		{ timeoutMs, what: `execution ${executionId} to finish` },
	);
}

/** Output items (json) of one node in a finished execution. */
function nodeOutput(execution, nodeName) {
	const runs = execution.data && execution.data.resultData && execution.data.resultData.runData[nodeName];
	if (!runs || !runs.length) return undefined;
	const main = runs[runs.length - 1].data && runs[runs.length - 1].data.main;
	return main ? main.flat().filter(Boolean).map((item) => item.json) : [];
}

/** The error a finished execution ended with, if any. */
function executionError(execution) {
	const result = execution.data && execution.data.resultData;
	return result && result.error;
}

async function executionsOf(ctx, workflowId) {
	return await ctx.n8n.executions(workflowId);
}

async function dataTableByName(ctx, name) {
	const page = await ctx.n8n.api('GET', `/data-tables?filter=${encodeURIComponent(JSON.stringify({ name }))}`);
	return page.data.find((t) => t.name === name);
}

/** Every row of a Data Table, or [] when the table does not exist yet. */
async function dataTableRows(ctx, name) {
	const table = await dataTableByName(ctx, name);
	if (!table) return [];
	const rows = [];
	let cursor;
	do {
		const qs = new URLSearchParams({ limit: '250' });
		if (cursor) qs.set('cursor', cursor);
		const page = await ctx.n8n.api('GET', `/data-tables/${table.id}/rows?${qs}`);
		rows.push(...page.data);
		cursor = page.nextCursor;
	} while (cursor);
	return rows;
}

/** The built protocol core (dist/), to sign notifications the way Alipay does. */
function core(ctx) {
	return require(path.join(ctx.root, 'dist', 'nodes', 'Alipay', 'core'));
}

/** Headers of a notification signed the way Alipay signs one, for the webhook path it is sent to. */
function signedNotification(ctx, urlPath, text, privateKeyBase64 = ctx.keys.alipayPrivateKey, prefix = 'webhook') {
	const alipay = core(ctx);
	const time = alipay.formatIsoWithOffset(new Date(), 480);
	const { header } = alipay.signMessage({
		path: new URL(webhookUrl(ctx, urlPath, prefix)).pathname,
		clientId: ctx.keys.clientId,
		body: text,
		privateKey: alipay.loadPrivateKey(privateKeyBase64),
		time,
	});
	return { 'content-type': 'application/json; charset=UTF-8', 'client-id': ctx.keys.clientId, 'request-time': time, signature: header };
}

/** The webhook path of a workflow's Alipay Trigger: `<webhookId>/payment` or `/registration`. */
function triggerPath(workflow, kind) {
	const trigger = workflow.nodes.find((n) => /alipayTrigger$/.test(n.type));
	if (!trigger) throw new Error(`${workflow.name} has no Alipay Trigger`);
	return `${trigger.webhookId}/${kind}`;
}

module.exports = {
	webhookUrl,
	callWebhook,
	runOperation,
	runManually,
	waitForExecution,
	nodeOutput,
	executionError,
	executionsOf,
	dataTableRows,
	core,
	signedNotification,
	triggerPath,
	eventually,
};
