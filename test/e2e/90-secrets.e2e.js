'use strict';
// Runs last, over everything the suite made n8n do: the merchant private key appears in no
// execution's data, no n8n log line (at debug level) and no error the suite received.

const fs = require('node:fs');
const path = require('node:path');
const { assert } = require('../../scripts/lib/harness');
const { executionsOf } = require('./helpers');

/**
 * 32-character slices of the key's base64: every PEM line (64 characters) contains two of them,
 * so the key is caught whole, wrapped, flattened or with literal \n, and so is any large piece of it.
 */
function keyFragments(base64) {
	const fragments = [];
	for (let i = 0; i + 32 <= base64.length; i += 32) fragments.push(base64.slice(i, i + 32));
	return fragments;
}

function leaks(haystack, fragments) {
	return fragments.filter((f) => haystack.includes(f)).length;
}

module.exports = (t) => {
	t.test('no execution data contains the merchant private key', async (ctx) => {
		const executions = await executionsOf(ctx);
		assert.ok(executions.length >= 10, `expected the suite's executions, found ${executions.length}`);
		const fragments = keyFragments(ctx.keys.merchantPrivateKey);
		// The probe must find the key in the form users paste it (PEM), or its silence means nothing.
		const pem = fs.readFileSync(path.join(ctx.root, 'test', 'fixtures', 'merchant-private.pem'), 'utf8');
		assert.equal(leaks(pem, fragments), fragments.length);
		for (const execution of executions) {
			assert.equal(leaks(JSON.stringify(execution), fragments), 0, `execution ${execution.id} contains the private key`);
		}
	});

	t.test('no n8n log line contains the merchant private key', async (ctx) => {
		const log = fs.readFileSync(ctx.n8n.logFile, 'utf8');
		assert.ok(log.length > 0);
		assert.equal(leaks(log, keyFragments(ctx.keys.merchantPrivateKey)), 0);
	});

	t.test('no file in the n8n user folder (database included) holds the merchant private key in plain text', async (ctx) => {
		const fragments = keyFragments(ctx.keys.merchantPrivateKey);
		const files = fs.readdirSync(ctx.n8n.home, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
		assert.ok(files.some((e) => e.name === 'database.sqlite'), 'no n8n database found');
		for (const entry of files) {
			const file = path.join(entry.parentPath ?? entry.path, entry.name);
			// The packed package itself is not n8n's data.
			if (file.includes(`${path.sep}node_modules${path.sep}`)) continue;
			assert.equal(leaks(fs.readFileSync(file, 'latin1'), fragments), 0, `${path.relative(ctx.n8n.home, file)} holds the key`);
		}
	});

	t.test('no error returned to the suite contains the merchant private key', async (ctx) => {
		const errors = ctx.collectedErrors || [];
		assert.ok(errors.length >= 2, `expected the error answers collected by earlier tests, found ${errors.length}`);
		assert.equal(leaks(errors.join('\n'), keyFragments(ctx.keys.merchantPrivateKey)), 0);
	});
};
