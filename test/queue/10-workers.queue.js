'use strict';
// The 8 operations ran (test/e2e/20-operations.e2e.js, registered before this file) through the
// operations workflow's production webhook, behind the load balancer; here: every one of those
// executions was enqueued by a webhook process and run by a worker, as n8n's own logs record.

const { assert } = require('../../scripts/lib/harness');
const e2e = require('../e2e/helpers');
const { OPERATIONS } = require('../e2e/workflows');
const { executionPlacement, countBy } = require('./helpers');

module.exports = (t) => {
	t.test('Every one of the 8 operations ran on a worker: each execution was enqueued by a webhook process and finished by a worker', async (ctx) => {
		const workflow = ctx.workflowByName('E2E: every Alipay operation');
		const executions = await e2e.eventually(async () => {
			const all = await e2e.executionsOf(ctx, workflow.id);
			return all.length > 0 && all.every((e) => e.stoppedAt) ? all : undefined;
		}, { what: 'the operations executions to finish' });
		const ran = new Set(executions.flatMap((e) => Object.keys(e.data.resultData.runData)));
		const operations = Object.keys(OPERATIONS);
		assert.deepEqual(operations.filter((name) => !ran.has(name)), [], 'operations that never ran');

		const { enqueued, finished } = executionPlacement(ctx);
		const misplaced = executions
			.map((e) => ({ id: e.id, enqueuedBy: enqueued.get(String(e.id)), ranOn: finished.get(String(e.id)) }))
			.filter((e) => !/^webhook-/.test(e.enqueuedBy || '') || !/^worker-/.test(e.ranOn || ''));
		assert.deepEqual(misplaced, [], 'executions not enqueued by a webhook process and run by a worker');
		const perWorker = countBy(executions, (e) => finished.get(String(e.id)));
		ctx.figures.push(
			`operations: all ${operations.length} operations in ${executions.length} executions, each enqueued by a webhook process ` +
				`and run by a worker (${Object.entries(perWorker).map(([w, n]) => `${w}: ${n}`).join(', ')})`,
		);
	});
};
