#!/usr/bin/env node
'use strict';
// `npm run test:e2e`: the package inside a real, pinned n8n, against the simulator, over HTTP
// only. Test files: test/e2e/*.e2e.js, run in name order (later ones build on earlier state).
// Ends with `N passed, N failed`; exits non-zero on any failure.
//
// Env: ALIPAY_E2E_N8N_VERSION (default 2.41.1), ALIPAY_E2E_SKIP_BUILD=1 (dist/ is already built),
//      ALIPAY_E2E_ONLY=<substring of a test file name>, ALIPAY_E2E_KEEP=1 (leave n8n running for
//      a look, until Ctrl-C), ALIPAY_E2E_DOCS_IMAGES=1 (editor screenshots into docs/images/),
//      ALIPAY_E2E_PORT_OFFSET=<n> (added to every port, so two checkouts can run the suite at once).

const fs = require('node:fs');
const path = require('node:path');
const { Harness } = require('./lib/harness');
const { stopAll } = require('./lib/children');
const { ensureChromium } = require('./lib/browser');
const { ROOT } = require('./lib/package');
const { startStage, readWorkflows, workflowFinder, EXAMPLES_DIR } = require('./lib/stage');
const { testKeys } = require('./lib/test-keys');
const { DEFAULT_N8N_VERSION } = require('./n8n-runtime');

// Fixed but unusual, so a playground (5678/5679/8787) can run beside the suite.
const PORT_OFFSET = Number(process.env.ALIPAY_E2E_PORT_OFFSET || 0);
const PORTS = { n8n: 5688 + PORT_OFFSET, broker: 5699 + PORT_OFFSET, simulator: 8797 + PORT_OFFSET };
const WORK_DIR = path.join(ROOT, '.e2e');
const TEST_DIR = path.join(ROOT, 'test', 'e2e');

function log(line) {
	console.log(`[e2e] ${line}`);
}

async function main() {
	const t0 = Date.now();
	const n8nVersion = process.env.ALIPAY_E2E_N8N_VERSION || DEFAULT_N8N_VERSION;
	console.log(`e2e: n8n-nodes-alipay in a real n8n ${n8nVersion}, against the local simulator`);
	const harness = new Harness();
	const only = process.env.ALIPAY_E2E_ONLY;
	const files = fs
		.readdirSync(TEST_DIR)
		.filter((f) => f.endsWith('.e2e.js') && (!only || f.includes(only)))
		.sort();
	for (const f of files) require(path.join(TEST_DIR, f))(harness);

	const keys = testKeys();
	let ctx;
	try {
		ensureChromium(log);
		const suiteWorkflows = require(path.join(TEST_DIR, 'workflows.js'));
		const workflows = [
			...readWorkflows(EXAMPLES_DIR),
			suiteWorkflows.operationsWorkflow(),
			...suiteWorkflows.acknowledgeAfterSuccessWorkflows(),
		];
		const stage = await startStage({
			workDir: WORK_DIR,
			fresh: true,
			ports: PORTS,
			keys,
			workflows,
			encryptionKey: 'alipay-e2e-encryption-key-0000000000',
			owner: { email: 'owner@alipay-e2e.test', password: 'E2e-Password-1', firstName: 'E2E', lastName: 'Owner' },
			// Alipay's retry schedule (minutes to hours) in seconds.
			timeScale: 600,
			skipBuild: process.env.ALIPAY_E2E_SKIP_BUILD === '1',
			// Debug logging makes the no-secret-in-logs check as strict as it can be.
			extraEnv: { N8N_LOG_LEVEL: 'debug' },
			log,
		});
		await stage.n8n.createApiKey();
		const version = await readN8nVersion(stage.n8n);
		console.log(`e2e: running n8n ${version} on Node ${stage.runtime.nodeVersion} (${stage.n8n.baseUrl})`);
		ctx = { ...stage, keys, n8nVersion: version, workDir: WORK_DIR, root: ROOT, log };
		ctx.workflowByName = workflowFinder(stage.workflows);
		console.log(`e2e: set-up done in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${harness.tests.length} tests`);
	} catch (error) {
		harness.fail('the e2e stage (runtime, build, simulator, n8n) starts', error);
	}

	if (ctx) await harness.run(ctx);
	if (ctx && process.env.ALIPAY_E2E_KEEP === '1') {
		console.log(`ALIPAY_E2E_KEEP: n8n at ${ctx.n8n.baseUrl} (owner@alipay-e2e.test / E2e-Password-1); Ctrl-C stops`);
		await new Promise(() => undefined);
	}
	await stopAll();
	const { passed, failed } = harness.summary();
	console.log(`e2e: n8n ${ctx ? ctx.n8nVersion : n8nVersion}, ${((Date.now() - t0) / 1000).toFixed(1)} s in all`);
	console.log(`${passed} passed, ${failed} failed`);
	process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

/** The version the running n8n reports about itself, not the one we asked for. */
async function readN8nVersion(n8n) {
	const settings = await n8n.rest('GET', '/settings');
	return settings.versionCli;
}

main().catch(async (error) => {
	console.error(error);
	await stopAll();
	console.log('0 passed, 1 failed');
	process.exit(1);
});
