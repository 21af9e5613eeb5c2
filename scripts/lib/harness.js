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

module.exports = { Harness, assert, eventually };
