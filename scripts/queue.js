#!/usr/bin/env node
'use strict';
// `npm run test:queue`: the package in n8n's queue mode (scripts/lib/queue-stage.js): the 8
// operations run by workers (the e2e suite's operations tests, unchanged), a notification storm
// through two webhook processes, a worker killed mid-storm, and what Skip Duplicates can and
// cannot do there (test/queue/*.queue.js). Prints the figures at the end, then
// `N passed, N failed`; exits non-zero on any failure.
//
// Env: ALIPAY_E2E_SKIP_BUILD=1 (dist/ is already built), ALIPAY_QUEUE_ONLY=<substring of a test
//      file name>, ALIPAY_QUEUE_PORT_OFFSET=<n> (added to every port), ALIPAY_QUEUE_STORM=<n>
//      (payments in the storm; default 1000), ALIPAY_QUEUE_STALL_SECONDS=<n> (a wait fails after
//      this long without progress; default 180), ALIPAY_QUEUE_KEEP=1 (leave it running, until Ctrl-C).

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Harness } = require('./lib/harness');
const { stopAll, stopChild } = require('./lib/children');
const { ROOT } = require('./lib/package');
const { readWorkflows, workflowFinder, EXAMPLES_DIR } = require('./lib/stage');
const { startQueueStage } = require('./lib/queue-stage');
const { testKeys } = require('./lib/test-keys');

const OFFSET = Number(process.env.ALIPAY_QUEUE_PORT_OFFSET || 0);
const shift = (p) => p + OFFSET;
// Beside the playground (5678, 5679, 8787) and the e2e suite (5688, 5699, 8797).
const PORTS = {
	main: shift(5710),
	mainBroker: shift(5711),
	webhooks: [shift(5712), shift(5713)],
	workerHealth: [shift(5714), shift(5715)],
	workerBrokers: [shift(5716), shift(5717)],
	balancer: shift(5718),
	simulator: shift(8808),
	postgres: shift(5442),
	redis: shift(6389),
};
const WORK_DIR = path.join(ROOT, '.queue');
const E2E_DIR = path.join(ROOT, 'test', 'e2e');
const TEST_DIR = path.join(ROOT, 'test', 'queue');

function log(line) {
	console.log(`[queue] ${line}`);
}

function machine() {
	const cpus = os.cpus();
	return `${cpus.length} × ${cpus[0] ? cpus[0].model.trim() : 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, ${os.type()} ${os.release()}`;
}

async function stopStage(ctx) {
	// Workers and webhook processes first (they finish or drop their work), then main, then what
	// they all used.
	await Promise.all([...ctx.workers, ...ctx.webhooks].filter((p) => p.child).map((p) => stopChild(p.child)));
	if (ctx.n8n.child) await stopChild(ctx.n8n.child);
	await ctx.balancer.close();
	await Promise.all([ctx.postgres.stop(), ctx.redis.stop()]);
}

async function main() {
	const t0 = Date.now();
	console.log('queue: n8n-nodes-alipay in n8n queue mode (main, 2 webhook processes, 2 workers, Postgres, Redis)');
	const harness = new Harness();
	const only = process.env.ALIPAY_QUEUE_ONLY;
	// The e2e suite's operations tests, run as they are: here every execution lands on a worker.
	require(path.join(E2E_DIR, '20-operations.e2e.js'))(harness);
	const files = fs
		.readdirSync(TEST_DIR)
		.filter((f) => f.endsWith('.queue.js') && (!only || f.includes(only)))
		.sort();
	for (const f of files) require(path.join(TEST_DIR, f))(harness);

	const keys = testKeys();
	let ctx;
	try {
		const e2eWorkflows = require(path.join(E2E_DIR, 'workflows.js'));
		const queueWorkflows = require(path.join(TEST_DIR, 'workflows.js'));
		const examples = readWorkflows(EXAMPLES_DIR);
		const stage = await startQueueStage({
			workDir: WORK_DIR,
			fresh: true,
			ports: PORTS,
			keys,
			workflows: [...examples, e2eWorkflows.operationsWorkflow(), ...queueWorkflows.all()],
			encryptionKey: 'alipay-queue-encryption-key-000000',
			owner: { email: 'owner@alipay-queue.test', password: 'Queue-Password-1', firstName: 'Queue', lastName: 'Owner' },
			// Alipay's retry schedule (2 min, 10 min, ...) in sixtieths: resends within seconds.
			timeScale: 60,
			// Alipay does not document how long it waits for an answer (the simulator's default is
			// 10 s). Two shared cores answer a 1,000-payment burst in minutes, not seconds; with a
			// 10-s wait each of Alipay's 8 attempts at once would reach only the first hundred or so in
			// the balancer's queue, and it would give up on the rest. Waiting 10 minutes measures what
			// the webhook processes sustain instead.
			notifyTimeoutSeconds: 600,
			skipBuild: process.env.ALIPAY_E2E_SKIP_BUILD === '1',
			log,
		});
		const settings = await stage.n8n.rest('GET', '/settings');
		ctx = {
			...stage,
			keys,
			root: ROOT,
			workDir: WORK_DIR,
			log,
			n8nVersion: settings.versionCli,
			webhookBaseUrl: stage.balancer.baseUrl,
			workflowByName: workflowFinder(stage.workflows),
			stormSize: Number(process.env.ALIPAY_QUEUE_STORM || 1000),
			figures: [],
		};
		console.log(
			`queue: n8n ${ctx.n8nVersion} on Node ${stage.runtime.nodeVersion}; set-up done in ${((Date.now() - t0) / 1000).toFixed(1)} s` +
				`${stage.aptSeconds ? ` (apt-get ${stage.aptSeconds.toFixed(1)} s)` : ''}; ${harness.tests.length} tests`,
		);
	} catch (error) {
		harness.fail('the queue-mode stage (Postgres, Redis, main, webhook processes, workers, balancer, simulator) starts', error);
	}

	if (ctx) await harness.run(ctx);
	if (ctx && process.env.ALIPAY_QUEUE_KEEP === '1') {
		console.log(`ALIPAY_QUEUE_KEEP: editor at ${ctx.n8n.baseUrl} (owner@alipay-queue.test / Queue-Password-1); Ctrl-C stops`);
		await new Promise(() => undefined);
	}
	if (ctx) await stopStage(ctx).catch((error) => console.error(`stopping the stage: ${error.message}`));
	await stopAll();
	if (ctx && ctx.figures.length) {
		console.log(`\nqueue: figures (n8n ${ctx.n8nVersion}, ${machine()})`);
		for (const line of ctx.figures) console.log(`  ${line}`);
	}
	const { passed, failed } = harness.summary();
	console.log(`queue: ${((Date.now() - t0) / 1000).toFixed(1)} s in all`);
	console.log(`${passed} passed, ${failed} failed`);
	process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
}

main().catch(async (error) => {
	console.error(error);
	await stopAll();
	console.log('0 passed, 1 failed');
	process.exit(1);
});
