'use strict';
// A deliberately small sequential test runner for the e2e suite: the tests share one n8n and one
// simulator, and later tests build on state earlier ones created (a payment, then its refund), so
// they run in file order. Ends with the plain `N passed, N failed` line CI reads.

const assert = require('node:assert/strict');

class Harness {
	constructor() {
		this.tests = [];
		this.results = [];
	}

	/** Registers a test; `title` is a sentence stating one behaviour. */
	test(title, fn, { timeoutMs = 120000 } = {}) {
		this.tests.push({ title, fn, timeoutMs });
	}

	async run(ctx) {
		for (const t of this.tests) {
			const t0 = Date.now();
			let timer;
			try {
				await Promise.race([
					t.fn(ctx),
					new Promise((_, reject) => {
						timer = setTimeout(() => reject(new Error(`timed out after ${t.timeoutMs / 1000} s`)), t.timeoutMs);
					}),
				]);
				this.results.push({ title: t.title, ok: true });
				console.log(`  ✓ ${t.title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
			} catch (error) {
				this.results.push({ title: t.title, ok: false, error });
				console.log(`  ✗ ${t.title} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
				console.log(indent(error && error.stack ? error.stack : String(error)));
			} finally {
				clearTimeout(timer);
			}
		}
		return this.summary();
	}

	/** Records a failure outside any test (set-up), so the summary can never read all-green. */
	fail(title, error) {
		this.results.push({ title, ok: false, error });
		console.log(`  ✗ ${title}`);
		console.log(indent(error && error.stack ? error.stack : String(error)));
	}

	summary() {
		const passed = this.results.filter((r) => r.ok).length;
		const failed = this.results.length - passed;
		return { passed, failed };
	}
}

function indent(text) {
	return String(text)
		.split('\n')
		.slice(0, 25)
		.map((l) => `      ${l}`)
		.join('\n');
}

/** Polls fn until it returns a truthy value; returns that value. */
async function eventually(fn, { timeoutMs = 30000, intervalMs = 250, what = 'condition' } = {}) {
	const t0 = Date.now();
	let lastError;
	for (;;) {
		try {
			const value = await fn();
			if (value) return value;
		} catch (error) {
			lastError = error;
		}
		if (Date.now() - t0 > timeoutMs) {
			throw new Error(`${what} not met after ${timeoutMs / 1000} s${lastError ? `: ${lastError.message}` : ''}`);
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

/**
 * Polls `check` until it reports `done` (then returns its `value`). Fails at once on a `failure`
 * it reports, and when its `progress` (anything that changes as work gets done) has not changed
 * for `stallMs` past the last moment something was due (`dueAtMs`, e.g. a scheduled resend), with
 * its `pending` text, which names what is still missing; and after `deadlineMs` in any case. A
 * check that throws (a busy server) counts as no progress; its error is part of the message.
 */
async function untilDone(check, { what, stallMs, deadlineMs = Infinity, intervalMs = 1000 }) {
	const t0 = Date.now();
	let lastProgress;
	let movedAt = t0;
	let state = {};
	let lastError;
	for (;;) {
		try {
			state = await check();
			lastError = undefined;
		} catch (error) {
			lastError = error;
		}
		if (state.failure) throw new Error(`${what}: ${state.failure}`);
		if (state.done && !lastError) return state.value;
		const progress = JSON.stringify(state.progress);
		if (progress !== lastProgress) {
			lastProgress = progress;
			movedAt = Date.now();
		}
		const quietSince = Math.max(movedAt, state.dueAtMs || 0);
		if (Date.now() - quietSince > stallMs || Date.now() - t0 > deadlineMs) {
			throw new Error(
				`${what}: no progress for ${Math.round((Date.now() - movedAt) / 1000)} s` +
					`${state.pending ? `; ${state.pending}` : ''}${lastError ? `; last check failed: ${lastError.message}` : ''}`,
			);
		}
		await new Promise((r) => setTimeout(r, intervalMs));
	}
}

module.exports = { Harness, assert, eventually, untilDone };
