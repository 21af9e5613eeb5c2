'use strict';
// The editor renders the nodes: Debian's Chromium (playwright-core, never a downloaded browser)
// signs in, opens imported workflows, opens the Alipay node and its operation list. Screenshots go
// to .e2e/screenshots/, or to docs/images/ for the README with ALIPAY_E2E_DOCS_IMAGES=1.

const fs = require('node:fs');
const path = require('node:path');
const { assert } = require('../../scripts/lib/harness');
const { launch } = require('../../scripts/lib/browser');

// A test run must not dirty the checkout: screenshots land in .e2e/ unless the README's are wanted.
const SHOTS = process.env.ALIPAY_E2E_DOCS_IMAGES === '1'
	? path.join(__dirname, '..', '..', 'docs', 'images')
	: path.join(__dirname, '..', '..', '.e2e', 'screenshots');
// What n8n shows for a node type it could not load, or a parameter it could not render.
const BROKEN = /Install this node to use it|node is not currently installed|Could not load|Problem loading|Unrecognized node type/i;

const session = {};

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
		await p.screenshot({ path: shot('example-refund-workflow.png') });
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

	t.test('the Alipay Trigger opens showing its payment and registration webhook URLs', async (ctx) => {
		const p = await openWorkflow(ctx, 'Alipay example 4: Merchant onboarding');
		await p.screenshot({ path: shot('example-onboarding-workflow.png') });
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
		const webhookId = ctx.workflowByName('Alipay example 4: Merchant onboarding').nodes.find((n) => n.name === 'Registration decided').webhookId;
		assert.ok(text.replace(/\s+/g, '').includes(`/webhook/${webhookId}/payment`), `production payment URL not shown: ${text.slice(0, 400)}`);
		assert.ok(text.replace(/\s+/g, '').includes(`/webhook/${webhookId}/registration`), 'production registration URL not shown');
		await closeNode(p);
	});

	t.test('the editor raised no page errors while showing the Alipay nodes', async () => {
		const errors = session.consoleErrors || [];
		if (session.browser) await session.browser.close();
		session.page = undefined;
		assert.deepEqual(errors, []);
	});
};
