'use strict';
// The editor renders the nodes: Debian's Chromium (playwright-core, never a downloaded browser)
// signs in and walks a new user's path: it opens each example, reads the canvas subtitles, runs
// the manual ones with the big Execute workflow button, and opens the Alipay node and its trigger. Screenshots go
// to .e2e/screenshots/, or to docs/images/ for the README with ALIPAY_E2E_DOCS_IMAGES=1.

const fs = require('node:fs');
const path = require('node:path');
const { assert } = require('../../scripts/lib/harness');
const { launch } = require('../../scripts/lib/browser');
const { CREDENTIAL_ID } = require('../../scripts/lib/stage');
const h = require('./helpers');

// A test run must not dirty the checkout: screenshots land in .e2e/ unless the README's are wanted.
const SHOTS = process.env.ALIPAY_E2E_DOCS_IMAGES === '1'
	? path.join(__dirname, '..', '..', 'docs', 'images')
	: path.join(__dirname, '..', '..', '.e2e', 'screenshots');
// What n8n shows for a node type it could not load, or a parameter it could not render.
const BROKEN = /Install this node to use it|node is not currently installed|Could not load|Problem loading|Unrecognized node type/i;

const REFUND = 'Alipay example 3: Refund part of a payment';
const ONBOARD = 'Alipay example 4: Merchant onboarding';
const DECISIONS = 'Alipay example 5: Record registration decisions';
// Internal values a subtitle must not show: camelCase operation or event values, "operation: resource".
const INTERNAL = /\b(createOrderCode|inquiryPayment|paymentSucceeded|registrationApproved|registrationRejected|registrationOther|getRegistrationStatus)\b|: (payment|refund|merchant)\b/;

const session = {};

/** Each canvas node's name → the text shown on and under it (name and subtitle). */
async function canvasLabels(p) {
	return await p.$$eval('[data-test-id=canvas-node]', (els) =>
		Object.fromEntries(els.map((e) => [e.getAttribute('data-node-name'), (e.closest('.vue-flow__node') || e).innerText])),
	);
}

/** Presses the canvas's big Execute workflow button and waits for the run it started. */
async function executeWithTheMainButton(ctx, p, name) {
	const workflow = ctx.workflowByName(name);
	const before = new Set((await h.executionsOf(ctx, workflow.id)).map((e) => e.id));
	const button = p.locator('[data-test-id=execute-workflow-button]');
	const label = await button.innerText();
	await button.click();
	const started = await h.eventually(async () => {
		const runs = await h.executionsOf(ctx, workflow.id);
		return runs.find((e) => !before.has(e.id) && e.stoppedAt);
	}, { what: `a run of ${name} started by the Execute workflow button (it read "${label.trim()}")` });
	const execution = await h.waitForExecution(ctx, started.id);
	// Let the canvas paint the run (green nodes, item counts) before any picture.
	await p.waitForTimeout(1500);
	return { execution, label };
}

/** Example 3 refunds the newest paid order: make one (example 1's URL, paid in the simulator) if none is recorded yet. */
/** A fresh paid order, so the table's newest row is a payment the simulator holds (the Test URL check adds one it does not). */
async function ensurePaidOrder(ctx) {
	const res = await h.callWebhook(ctx, 'alipay-order-code?amount=8.80&currency=SGD', { method: 'GET' });
	assert.equal(res.status, 200, res.text.slice(0, 300));
	const paymentId = res.headers.get('x-alipay-payment-id');
	await ctx.simulator.control('POST', `/payments/${encodeURIComponent(paymentId)}/pay`, {});
	await h.eventually(async () => ((await h.dataTableRows(ctx, 'Alipay paid orders')).some((r) => r.paymentId === paymentId) ? true : undefined), {
		what: 'example 2 to record the paid order',
	});
}

async function page(ctx) {
	if (session.page) return session.page;
	session.browser = await launch({ parentDir: ctx.workDir });
	const p = await session.browser.context.newPage();
	p.setDefaultTimeout(30000);
	session.consoleErrors = [];
	p.on('pageerror', (e) => session.consoleErrors.push(e.message));
	await p.goto(`${ctx.n8n.baseUrl}/signin`);
	await p.fill('input[name=emailOrLdapLoginId]', ctx.n8n.owner.email);
	await p.fill('input[name=password]', ctx.n8n.owner.password);
	await p.click('[data-test-id=form-submit-button]');
	await p.waitForURL((u) => !u.pathname.includes('signin'));
	session.page = p;
	return p;
}

async function openWorkflow(ctx, name) {
	const p = await page(ctx);
	await p.goto(`${ctx.n8n.baseUrl}/workflow/${ctx.workflowByName(name).id}`);
	await p.waitForSelector('[data-test-id=canvas-node]');
	// Let the canvas fit the view and the node icons load.
	await p.waitForTimeout(1500);
	// Published workflows open n8n's "Production Checklist" over the canvas.
	const checklist = p.locator('[data-test-id=suggested-actions-close]');
	if (await checklist.isVisible()) {
		await checklist.click();
		await p.waitForTimeout(300);
	}
	return p;
}

async function openNode(p, nodeName) {
	await p.dblclick(`[data-test-id=canvas-node][data-node-name="${nodeName}"]`);
	await p.waitForSelector('[data-test-id=ndv]');
	await p.waitForTimeout(800);
}

async function closeNode(p) {
	await p.keyboard.press('Escape');
	await p.waitForTimeout(300);
}

function shot(name) {
	fs.mkdirSync(SHOTS, { recursive: true });
	return path.join(SHOTS, name);
}

module.exports = (t) => {
	t.test('the editor signs in and shows an imported workflow with the Alipay nodes rendered', async (ctx) => {
		const p = await openWorkflow(ctx, 'Alipay example 3: Refund part of a payment');
		const types = await p.$$eval('[data-test-id=canvas-node]', (els) => els.map((e) => e.getAttribute('data-node-type')));
		assert.equal(types.filter((type) => type === 'n8n-nodes-alipay.alipay').length, 3);
		assert.doesNotMatch(await p.innerText('body'), BROKEN);
	});

	t.test('example 1 shows the order-code journey: the code answered first, then Wait for Result and the row', async (ctx) => {
		const p = await openWorkflow(ctx, 'Alipay example 1: Sell with an order code');
		const names = await p.$$eval('[data-test-id=canvas-node]', (els) => els.map((e) => e.getAttribute('data-node-name')));
		for (const expected of ['Create Order Code', 'Answer with the QR code', 'Wait for the customer', 'Record the order']) {
			assert.ok(names.includes(expected), `node "${expected}" not on the canvas; saw ${JSON.stringify(names)}`);
		}
		assert.doesNotMatch(await p.innerText('body'), BROKEN);
		await p.screenshot({ path: shot('example-sell-workflow.png') });
	});

	t.test('the Alipay node opens with its credential, its parameters and the payment operations, and no error', async (ctx) => {
		const p = await openWorkflow(ctx, 'Alipay example 3: Refund part of a payment');
		await openNode(p, 'Refund part of it');
		const ndv = p.locator('[data-test-id=ndv]');
		assert.doesNotMatch(await ndv.innerText(), BROKEN);
		const inputs = await ndv.locator('input').evaluateAll((els) => els.map((e) => e.value));
		assert.ok(inputs.includes('Alipay (local simulator)'), `credential not selected; inputs: ${JSON.stringify(inputs)}`);
		assert.ok(await ndv.locator('[data-test-id=parameter-input-refundAmount]').count(), 'no Refund Amount field');
		await ndv.locator('[data-test-id=parameter-input-operation]').click();
		const options = p.locator('.el-select-dropdown__item:visible');
		await options.first().waitFor();
		const names = (await options.allInnerTexts()).map((s) => s.split('\n')[0].trim());
		for (const expected of ['Cancel', 'Create Order Code', 'Get', 'Refund', 'Wait for Result']) {
			assert.ok(names.includes(expected), `operation "${expected}" not offered; saw ${JSON.stringify(names)}`);
		}
		// The dropdown fades in: wait for it to settle before the picture.
		await p.waitForTimeout(600);
		await p.screenshot({ path: shot('alipay-node-operations.png') });
		await p.keyboard.press('Escape');
		await closeNode(p);
	});

	// What a new user reads on each example's canvas: the operation or event in words, never a value.
	const SUBTITLES = [
		['Alipay example 1: Sell with an order code', { 'Create Order Code': 'Create Order Code', 'Wait for the customer': 'Wait for Result' }],
		['Alipay example 2: Record paid orders', { 'Payment received': 'Payment Succeeded' }],
		['Alipay example 3: Refund part of a payment', { 'Get the payment': 'Get Payment', 'Refund part of it': 'Refund Payment', 'Get the refund': 'Get Refund' }],
		[ONBOARD, { Register: 'Register Merchant' }],
		[DECISIONS, { 'Registration decided': '3 events' }],
	];
	for (const [name, expected] of SUBTITLES) {
		t.test(`${name.replace(/^Alipay /, '')}: the canvas subtitles are words (${Object.values(expected).join(', ')})`, async (ctx) => {
			const p = await openWorkflow(ctx, name);
			const labels = await canvasLabels(p);
			for (const [node, words] of Object.entries(expected)) {
				assert.ok((labels[node] || '').includes(words), `"${node}" shows ${JSON.stringify(labels[node])}, not "${words}"`);
			}
			assert.doesNotMatch(Object.values(labels).join('\n'), INTERNAL);
		});
	}

	t.test('Example 4: the big Execute workflow button runs Register (not the trigger) and the canvas shows it ran', async (ctx) => {
		const p = await openWorkflow(ctx, ONBOARD);
		const runs = await executeWithTheMainButton(ctx, p, ONBOARD);
		assert.equal(runs.execution.status, 'success', JSON.stringify(h.executionError(runs.execution) || {}));
		assert.equal(runs.execution.mode, 'manual');
		assert.equal(h.nodeOutput(runs.execution, 'Register')[0].registrationStatus, 'SUBMITTED');
		assert.ok(h.nodeOutput(runs.execution, 'Add pending shop'), 'Add pending shop did not run');
		await p.screenshot({ path: shot('example-onboarding-workflow.png') });
	});

	t.test('Example 3: the big Execute workflow button refunds 1.00 of the newest paid order', async (ctx) => {
		await ensurePaidOrder(ctx);
		const p = await openWorkflow(ctx, REFUND);
		const runs = await executeWithTheMainButton(ctx, p, REFUND);
		assert.equal(runs.execution.status, 'success', JSON.stringify(h.executionError(runs.execution) || {}));
		assert.equal(h.nodeOutput(runs.execution, 'Get the refund')[0].refundStatus, 'SUCCESS');
		await p.screenshot({ path: shot('example-refund-workflow.png') });
	});

	t.test("the node picker introduces Alipay's actions with a description that fits them", async (ctx) => {
		const p = await openWorkflow(ctx, REFUND);
		await p.click('[data-test-id=node-creator-plus-button]');
		const creator = p.locator('[data-test-id=node-creator]');
		await creator.waitFor();
		await p.keyboard.type('Alipay');
		await p.waitForTimeout(800);
		await creator.locator('[data-test-id=node-creator-item-name]', { hasText: /^Alipay$/ }).first().click();
		await p.waitForTimeout(800);
		const text = await creator.innerText();
		assert.match(text, /Create order code for customer to pay/, `no Alipay actions shown: ${text.slice(0, 600)}`);
		// n8n shows the trigger's description above the actions: it must speak for both nodes.
		assert.match(text, /Alipay order code payments: start workflows when customers pay[\s\S]*create, check and refund payments/);
		await p.screenshot({ path: shot('alipay-node-picker.png') });
		await p.keyboard.press('Escape');
	});

	t.test('the Alipay Trigger opens showing its payment and registration webhook URLs', async (ctx) => {
		const p = await openWorkflow(ctx, DECISIONS);
		await openNode(p, 'Registration decided');
		const ndv = p.locator('[data-test-id=ndv]');
		const production = ndv.locator('[data-test-id=radio-button-production]');
		// The Webhook URLs section starts collapsed once a workflow is published.
		if (!(await production.count())) await ndv.locator('.webhooks .headline').click();
		await production.click();
		await p.waitForTimeout(500);
		await p.screenshot({ path: shot('alipay-trigger-webhook-urls.png') });
		const text = await ndv.innerText();
		assert.doesNotMatch(text, BROKEN);
		const webhookId = ctx.workflowByName(DECISIONS).nodes.find((n) => n.name === 'Registration decided').webhookId;
		assert.ok(text.replace(/\s+/g, '').includes(`/webhook/${webhookId}/payment`), `production payment URL not shown: ${text.slice(0, 400)}`);
		assert.ok(text.replace(/\s+/g, '').includes(`/webhook/${webhookId}/registration`), 'production registration URL not shown');
		await closeNode(p);
	});

	t.test('the Alipay API credential opens with its fields and n8n tests it successfully against the simulator', async (ctx) => {
		const p = await page(ctx);
		await p.goto(`${ctx.n8n.baseUrl}/home/credentials/${CREDENTIAL_ID}`);
		const dialog = p.locator('[data-test-id=credential-edit-dialog]');
		await dialog.waitFor();
		// n8n runs the credential's test when a saved credential opens: the signed probe to the simulator.
		await dialog.getByText('Connection tested successfully').waitFor({ timeout: 60000 });
		const text = await dialog.innerText();
		assert.doesNotMatch(text, BROKEN);
		for (const label of ['Client ID', 'Environment', 'Gateway', 'Custom Base URL', 'Merchant Private Key', 'Alipay Public Key', 'Key Version']) {
			assert.ok(text.includes(label), `field "${label}" not shown: ${text.slice(0, 600)}`);
		}
		await p.waitForTimeout(500);
		await p.screenshot({ path: shot('alipay-credential.png') });
		await p.keyboard.press('Escape');
		await p.waitForTimeout(300);
	});

	t.test('the editor raised no page errors while showing the Alipay nodes', async () => {
		const errors = session.consoleErrors || [];
		if (session.browser) await session.browser.close();
		session.page = undefined;
		assert.deepEqual(errors, []);
	});
};
