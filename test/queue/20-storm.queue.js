'use strict';
// A notification storm through the load balancer into both webhook processes: ctx.stormSize order
// codes (ALIPAY_QUEUE_STORM, 100 by default) made by n8n, then paid within seconds, while the simulator also
// delivers 20% of the notifications twice at the same moment and drops 10% of the
// acknowledgements (so it resends those). n8n cannot run each notification exactly once; example 2
// is idempotent, so the Data Table must still end with one row per payment. The storm goes to
// example 2 acknowledging at once (acknowledging after each run would make Alipay wait for the
// workers: see the worker test below and docs/queue-mode.md). Then a worker is killed in the
// middle of a stream of payments to example 2 as shipped, which acknowledges after the run.

const { assert } = require('../../scripts/lib/harness');
const e2e = require('../e2e/helpers');
const q = require('./helpers');
const { RECORD, RECORD_AT_ONCE } = require('./workflows');

const PAID_TABLE = 'Alipay paid orders';
const STORM_MODES = { duplicateRate: 0.2, dropAckRate: 0.1 };
const CALM = { duplicateRate: 0, dropAckRate: 0 };

/** Rows per payment among these payments: missing ones and extra copies. */
async function tableCheck(ctx, paymentIds) {
	const rows = (await e2e.dataTableRows(ctx, PAID_TABLE)).filter((r) => paymentIds.has(r.paymentId));
	const perPayment = q.countBy(rows, (r) => r.paymentId);
	return {
		rows: rows.length,
		missing: [...paymentIds].filter((id) => !perPayment[id]),
		duplicated: Object.entries(perPayment).filter(([, n]) => n > 1).map(([id]) => id),
	};
}

function exactAcknowledgement(ctx) {
	return JSON.stringify(e2e.core(ctx).NOTIFICATION_ACK);
}

/** Deliveries, copies, dropped acknowledgements, the span from first POST to last acknowledgement. */
function deliveryFigures(storm) {
	const attempts = storm.flatMap((n) => n.attempts);
	const first = Math.min(...attempts.map((a) => a.atMs));
	const last = Math.max(...attempts.filter((a) => a.acknowledged).map((a) => a.atMs + a.durationMs));
	const seconds = (last - first) / 1000;
	return {
		deliveries: attempts.length,
		copies: storm.filter((n) => n.copyOf).length,
		dropped: attempts.filter((a) => a.ackDropped).length,
		unanswered: attempts.filter((a) => !a.acknowledged && !a.ackDropped).length,
		seconds,
		perSecond: attempts.length / seconds,
	};
}

module.exports = (t) => {
	t.test(
		'A storm of paid orders through two webhook processes, with concurrent duplicates and dropped acknowledgements: every notification acknowledged with the exact body, one row per payment',
		async (ctx) => {
			const count = ctx.stormSize;
			const t0 = Date.now();
			const created = await q.createOrders(ctx, RECORD_AT_ONCE, 'storm', count);
			const createdSeconds = (Date.now() - t0) / 1000;
			const paymentIds = new Set(created.map((o) => o.paymentId));
			const since = await q.newestExecutionId(ctx);
			const before = ctx.balancer.stats();
			const abandonedBefore = ctx.balancer.abandoned;

			await ctx.simulator.control('POST', '/notifications/modes', STORM_MODES);
			const paidAt = Date.now();
			await q.payAll(ctx, created);
			const paySeconds = (Date.now() - paidAt) / 1000;
			const storm = await q.acknowledged(ctx, paymentIds);
			await ctx.simulator.control('POST', '/notifications/modes', CALM);

			const ack = exactAcknowledgement(ctx);
			const wrongAcks = storm.flatMap((n) => n.attempts.filter((a) => a.acknowledged && a.reply !== ack));
			assert.deepEqual(wrongAcks, [], 'acknowledgements whose body is not exactly Alipay\'s');
			// Acknowledged first, recorded by the workers after: wait for the rows, then for every run.
			await q.untilDone(
				async () => {
					const check = await tableCheck(ctx, paymentIds);
					const pending = `${check.missing.length} paid payments without a row (${check.missing.slice(0, 5).join(', ')})`;
					return { done: check.missing.length === 0, progress: check.rows, pending };
				},
				{ what: 'a row for every paid payment', intervalMs: 3000 },
			);
			const executions = await q.settledExecutions(ctx, RECORD_AT_ONCE, since);
			const recordedSeconds = (Date.now() - paidAt) / 1000;
			const table = await tableCheck(ctx, paymentIds);
			assert.deepEqual(table.missing, [], 'paid payments without a row');
			assert.deepEqual(table.duplicated, [], 'payments with more than one row');
			assert.equal(table.rows, count);

			const d = deliveryFigures(storm);
			assert.equal(d.copies, Math.round(count * 0.2), 'concurrent duplicate deliveries');
			const byStatus = q.countBy(executions, (e) => e.status);
			const perProcess = ctx.balancer
				.stats()
				.map((s, i) => `${ctx.webhooks[i].name} ${s.requests - before[i].requests} (at most ${s.peak} at once)`)
				.join(', ');
			ctx.figures.push(
				`storm: ${count} order codes created by n8n in ${createdSeconds.toFixed(1)} s, paid in ${paySeconds.toFixed(1)} s`,
				`storm: ${d.deliveries} deliveries (${d.copies} concurrent duplicates, ${d.dropped} acknowledgements dropped, ${d.unanswered} unanswered in time) over ${d.seconds.toFixed(1)} s: ${d.perSecond.toFixed(0)} notifications/s through the webhook processes (${perProcess})`,
				`storm: the balancer dropped ${ctx.balancer.abandoned - abandonedBefore} queued deliveries whose sender had given up; n8n answered ${ctx.balancer.stats().reduce((n, st) => n + st.failures, 0)} with a broken connection`,
				`storm: every notification acknowledged with Alipay's exact body; ${executions.length} executions of example 2 (${Object.entries(byStatus).map(([s, n]) => `${n} ${s}`).join(', ')}) for ${count} payments, all recorded ${recordedSeconds.toFixed(0)} s after the first payment (${(executions.length / recordedSeconds).toFixed(1)} runs/s on the workers)`,
				`storm: Data Table: ${table.rows} rows for ${count} paid payments, ${table.missing.length} missing, ${table.duplicated.length} duplicated`,
			);
		},
		{ timeoutMs: q.DEADLINE_MS },
	);
	t.test(
		'A worker killed in the middle of a stream of payments loses none: the runs it held go unacknowledged, Alipay resends, the other worker records them once',
		async (ctx) => {
			const count = Math.max(40, Math.round(ctx.stormSize / 10));
			const created = await q.createOrders(ctx, RECORD, 'kill', count);
			const paymentIds = new Set(created.map((o) => o.paymentId));
			const since = await q.newestExecutionId(ctx);
			const [survivor, victim] = ctx.workers;
			const inFlightOnVictim = () => {
				const { started, finished } = q.executionPlacement(ctx);
				return [...started].filter(([id, w]) => Number(id) > since && w.includes(victim.name) && !finished.has(id)).map(([id]) => id);
			};

			// Example 2 as shipped answers Alipay only after its run: paid in batches of 10, each
			// acknowledged before the next, so Alipay's wait stays one run long. The victim dies as
			// soon as it is seen running one of them.
			await ctx.simulator.control('POST', '/notifications/modes', STORM_MODES);
			let killedAt;
			let interrupted = [];
			for (let i = 0; i < created.length; i += 10) {
				const batch = created.slice(i, i + 10);
				await q.payAll(ctx, batch);
				const busy =
					!killedAt &&
					(await e2e.eventually(() => inFlightOnVictim().length > 0, { timeoutMs: 30000, intervalMs: 50, what: `${victim.name} running` }).catch(() => false));
				if (busy) {
					process.kill(-victim.child.pid, 'SIGKILL');
					await victim.child.exited;
					killedAt = Date.now();
					interrupted = inFlightOnVictim();
				}
				await q.acknowledged(ctx, new Set(batch.map((o) => o.paymentId)));
			}
			const storm = await q.acknowledged(ctx, paymentIds);
			await ctx.simulator.control('POST', '/notifications/modes', CALM);
			const recoverySeconds = (Date.now() - killedAt) / 1000;

			const table = await tableCheck(ctx, paymentIds);
			assert.deepEqual(table.missing, [], 'paid payments without a row after the worker died');
			assert.deepEqual(table.duplicated, [], 'payments with more than one row after the worker died');
			assert.ok(killedAt, `${victim.name} never started a run: nothing was killed`);
			assert.ok(interrupted.length > 0, `${victim.name} was killed with no run in flight: nothing was tested`);

			// What n8n did with them: wait until main's queue recovery (every minute here) settles them.
			const fates = await e2e.eventually(
				async () => {
					const statuses = await Promise.all(interrupted.map(async (id) => (await ctx.n8n.api('GET', `/executions/${id}`)).status));
					return statuses.every((st) => st !== 'running' && st !== 'new') ? statuses : undefined;
				},
				{ timeoutMs: 10 * 60 * 1000, intervalMs: 5000, what: 'n8n to settle the interrupted executions' },
			);
			const rerun = interrupted.filter((id) => q.executionPlacement(ctx).finished.get(id) === survivor.name);
			const executions = await q.settledExecutions(ctx, RECORD, since);
			const d = deliveryFigures(storm);
			ctx.figures.push(
				`worker killed: ${victim.name} got SIGKILL with ${interrupted.length} runs in flight, during ${count} payments to example 2 as shipped (acknowledge after the run; ${d.deliveries} deliveries)`,
				`worker killed: n8n re-ran ${rerun.length} of them (its queue fails a stalled job instead: maxStalledCount 0) and recorded them as ${Object.entries(q.countBy(fates, (f) => f)).map(([st, n]) => `${n} ${st}`).join(', ')}; Alipay, never acknowledged, resent those payments and ${survivor.name} recorded them; the last acknowledgement came ${recoverySeconds.toFixed(0)} s after the kill`,
				`worker killed: Data Table: ${table.rows} rows for ${count} paid payments, ${table.missing.length} missing, ${table.duplicated.length} duplicated; ${executions.length} executions (${Object.entries(q.countBy(executions, (e) => e.status)).map(([st, n]) => `${n} ${st}`).join(', ')})`,
			);
		},
		{ timeoutMs: q.DEADLINE_MS },
	);
};
