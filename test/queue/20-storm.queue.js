'use strict';
// A notification storm through the load balancer into both webhook processes: ctx.stormSize order
// codes (ALIPAY_QUEUE_STORM, 1,000 by default) made by n8n, then paid within seconds, to example 2
// as shipped (acknowledge after the run, upsert by paymentId, remove later copies), while the
// simulator also delivers 20% of the notifications twice at the same moment and drops 10% of the
// acknowledgements (so it resends those), and one of the two workers is killed with runs in
// flight. n8n cannot run each notification exactly once; example 2 is idempotent, so the Data
// Table must still end with one row per payment.

const os = require('node:os');
const { assert } = require('../../scripts/lib/harness');
const e2e = require('../e2e/helpers');
const q = require('./helpers');
const { RECORD } = require('./workflows');

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
		slowest: Math.max(...attempts.map((a) => a.durationMs)) / 1000,
		seconds,
		perSecond: attempts.length / seconds,
	};
}

/** Runs `worker` started after execution `since` and has not finished (n8n's own log lines). */
function inFlightOn(ctx, worker, since) {
	const { started, finished } = q.executionPlacement(ctx);
	return [...started].filter(([id, w]) => Number(id) > since && w.includes(worker.name) && !finished.has(id)).map(([id]) => id);
}

/**
 * SIGKILLs `victim` mid-storm: once a quarter of the storm's runs have finished and it is seen
 * running one; what it held then, by n8n's own log lines.
 */
async function killMidStorm(ctx, victim, since, count) {
	const finishedCount = () => [...q.executionPlacement(ctx).finished.keys()].filter((id) => Number(id) > since).length;
	await q.untilDone(
		async () => {
			const finished = finishedCount();
			return { done: finished >= count / 4 && inFlightOn(ctx, victim, since).length > 0, progress: finished, pending: `${finished} storm runs finished` };
		},
		{ what: `a quarter of the storm's runs to finish and ${victim.name} to be running one`, intervalMs: 250 },
	);
	process.kill(-victim.child.pid, 'SIGKILL');
	await victim.child.exited;
	return { at: Date.now(), interrupted: inFlightOn(ctx, victim, since), finishedBefore: finishedCount() };
}

function statusCounts(executions) {
	return Object.entries(q.countBy(executions, (e) => e.status))
		.map(([status, n]) => `${n} ${status}`)
		.join(', ');
}

function loadAverage() {
	return os
		.loadavg()
		.map((l) => l.toFixed(1))
		.join(' / ');
}

module.exports = (t) => {
	t.test(
		'A storm of paid orders to example 2 through two webhook processes, with concurrent duplicates, dropped acknowledgements and a worker killed mid-storm: every notification acknowledged with the exact body, one row per payment',
		async (ctx) => {
			const count = ctx.stormSize;
			const load = [loadAverage()];
			const t0 = Date.now();
			const created = await q.createOrders(ctx, RECORD, 'storm', count);
			const createdSeconds = (Date.now() - t0) / 1000;
			const paymentIds = new Set(created.map((o) => o.paymentId));
			const since = await q.newestExecutionId(ctx);
			const before = ctx.balancer.stats();
			const abandonedBefore = ctx.balancer.abandoned;
			const [survivor, victim] = ctx.workers;

			await ctx.simulator.control('POST', '/notifications/modes', STORM_MODES);
			const paidAt = Date.now();
			await q.payAll(ctx, created);
			const paySeconds = (Date.now() - paidAt) / 1000;
			const paidDoneAt = Date.now();
			const kill = await killMidStorm(ctx, victim, since, count);
			ctx.storm = { paymentIds, since, kill, survivor, victim, paidDoneAt, paidAt };
			assert.ok(kill.interrupted.length > 0, `${victim.name} was killed with no run in flight: nothing was tested`);
			const storm = await q.acknowledged(ctx, paymentIds);
			ctx.storm.notifications = storm;
			const acknowledgedSeconds = (Date.now() - paidAt) / 1000;
			load.push(loadAverage());
			await ctx.simulator.control('POST', '/notifications/modes', CALM);

			const ack = exactAcknowledgement(ctx);
			const wrongAcks = storm.flatMap((n) => n.attempts.filter((a) => a.acknowledged && a.reply !== ack));
			assert.deepEqual(wrongAcks, [], "acknowledgements whose body is not exactly Alipay's");
			// Every payment was acknowledged after a run that recorded it; runs of deliveries whose
			// answer came too late may still be going: count rows once every run has ended.
			const executions = await q.settledExecutions(ctx, RECORD, since);
			ctx.storm.executions = executions;
			const table = await tableCheck(ctx, paymentIds);
			assert.deepEqual(table.missing, [], 'paid payments without a row');
			assert.deepEqual(table.duplicated, [], 'payments with more than one row');
			assert.equal(table.rows, count);

			const d = deliveryFigures(storm);
			assert.equal(d.copies, Math.round(count * 0.2), 'concurrent duplicate deliveries');
			const { finished } = q.executionPlacement(ctx);
			const perWorker = q.countBy(executions, (e) => finished.get(String(e.id)) || 'unfinished');
			const perProcess = ctx.balancer
				.stats()
				.map((s, i) => `${ctx.webhooks[i].name} ${s.requests - before[i].requests} (at most ${s.peak} at once)`)
				.join(', ');
			ctx.figures.push(
				`storm: load average (1 / 5 / 15 min) ${load[0]} before, ${load[1]} after`,
				`storm: ${count} order codes created by n8n in ${createdSeconds.toFixed(0)} s, all paid in ${paySeconds.toFixed(1)} s`,
				`storm: ${d.deliveries} deliveries (${d.copies} concurrent duplicates, ${d.dropped} acknowledgements dropped, ${d.unanswered} unanswered or not acknowledged; slowest answer ${d.slowest.toFixed(0)} s) over ${d.seconds.toFixed(0)} s: ${d.perSecond.toFixed(1)} notifications/s through the webhook processes (${perProcess})`,
				`storm: the balancer dropped ${ctx.balancer.abandoned - abandonedBefore} queued deliveries whose sender had given up; n8n answered ${ctx.balancer.stats().reduce((n, st) => n + st.failures, 0)} with a broken connection`,
				`storm: every notification acknowledged with Alipay's exact body ${acknowledgedSeconds.toFixed(0)} s after the first payment; ${executions.length} executions of example 2 (${statusCounts(executions)}; ${Object.entries(perWorker).map(([w, n]) => `${w} ${n}`).join(', ')}) for ${count} payments`,
				`storm: Data Table: ${table.rows} rows for ${count} paid payments, ${table.missing.length} missing, ${table.duplicated.length} duplicated`,
			);
		},
		{ timeoutMs: q.DEADLINE_MS },
	);

	t.test(
		"The killed worker's runs are not lost: n8n answers their deliveries without Alipay's acknowledgement, so Alipay resends them and each of those payments still has exactly one row",
		async (ctx) => {
			assert.ok(ctx.storm && ctx.storm.executions, 'the storm did not finish');
			const { kill, since, survivor, victim, paidAt, paidDoneAt, notifications, executions } = ctx.storm;
			const { started, finished } = q.executionPlacement(ctx);
			const rerun = kill.interrupted.filter((id) => finished.has(id));
			// Deliveries n8n answered, but not with Alipay's acknowledgement: the runs the dead worker held.
			const notAcknowledged = notifications.flatMap((n) => n.attempts.filter((a) => a.status !== undefined && !a.acknowledged && !a.ackDropped).map((a) => ({ n, a })));
			assert.ok(notAcknowledged.length >= kill.interrupted.length, `${notAcknowledged.length} deliveries answered without an acknowledgement, ${kill.interrupted.length} runs interrupted`);
			const theirPayments = new Set(notAcknowledged.map(({ n }) => n.subjectId));
			const table = await tableCheck(ctx, theirPayments);
			assert.deepEqual(table.missing, [], 'payments of interrupted runs without a row');
			assert.deepEqual(table.duplicated, [], 'payments of interrupted runs with more than one row');
			const failed = executions.filter((e) => e.status !== 'success');
			const answers = q.countBy(notAcknowledged, ({ a }) => `HTTP ${a.status} ${a.reply}`);
			ctx.figures.push(
				`worker killed: ${victim.name} got SIGKILL ${((kill.at - paidAt) / 1000).toFixed(0)} s after the first payment (${((kill.at - paidDoneAt) / 1000).toFixed(0)} s after the last), with ${kill.finishedBefore} storm runs finished and ${kill.interrupted.length} seen in flight on it (${[...started].filter(([id, w]) => Number(id) > since && w.includes(victim.name)).length} storm runs started there in all)`,
				`worker killed: n8n re-ran ${rerun.length} of those; storm executions not successful: ${statusCounts(failed) || 'none'} (${failed.map((e) => e.id).join(', ')}); n8n answered ${notAcknowledged.length} deliveries without Alipay's acknowledgement: ${Object.entries(answers).map(([answer, n]) => `${n} × ${answer}`).join('; ')}`,
				`worker killed: Alipay resent those ${theirPayments.size} payments, ${survivor.name} recorded them: ${table.rows} rows, ${table.missing.length} missing, ${table.duplicated.length} duplicated`,
			);
		},
		{ timeoutMs: q.DEADLINE_MS },
	);
};
