'use strict';
// The package as users install it: loaded by n8n under its npm name, and its credential test
// answered by n8n's own credential-test endpoint through the simulator.

const { generateKeyPairSync } = require('node:crypto');
const { createServer } = require('node:http');
const { assert } = require('../../scripts/lib/harness');
const { CREDENTIAL_ID, CREDENTIAL_NAME } = require('../../scripts/lib/stage');

function credentialData(ctx, overrides = {}) {
	return {
		clientId: ctx.keys.clientId,
		environment: 'sandbox',
		gateway: 'custom',
		customBaseUrl: ctx.simulator.baseUrl,
		privateKey: ctx.keys.merchantPrivateKey,
		alipayPublicKey: ctx.keys.alipayPublicKey,
		keyVersion: 1,
		...overrides,
	};
}

async function probeCredential(ctx, data) {
	return ctx.n8n.rest('POST', '/credentials/test', {
		credentials: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME, type: 'alipayApi', data },
	});
}

module.exports = (t) => {
	t.test('n8n loads both nodes under the npm package name, as a user install would', async (ctx) => {
		const res = await fetch(`${ctx.n8n.baseUrl}/types/nodes.json`, { headers: { cookie: ctx.n8n.cookie } });
		assert.equal(res.status, 200);
		const names = (await res.json()).map((n) => n.name);
		assert.ok(names.includes('n8n-nodes-alipay.alipay'), 'n8n-nodes-alipay.alipay is not a known node type');
		assert.ok(names.includes('n8n-nodes-alipay.alipayTrigger'), 'n8n-nodes-alipay.alipayTrigger is not a known node type');
		// usableAsTool: n8n adds the AI Agent tool variant of the action node, and none of the trigger.
		assert.ok(names.includes('n8n-nodes-alipay.alipayTool'), 'n8n-nodes-alipay.alipayTool (the AI Agent tool) is not a known node type');
		assert.ok(!names.includes('n8n-nodes-alipay.alipayTriggerTool'), 'the trigger must not be offered as a tool');
	});

	t.test('the credential test endpoint passes with the right keys', async (ctx) => {
		const result = await probeCredential(ctx, credentialData(ctx));
		assert.equal(result.status, 'OK', `credential test said: ${JSON.stringify(result)}`);
	});

	t.test('the credential test endpoint fails with a wrong merchant private key, naming that key', async (ctx) => {
		// A well-formed RSA key that the simulator has never seen for this client ID.
		const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const otherKey = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
		const result = await probeCredential(ctx, credentialData(ctx, { privateKey: otherKey }));
		assert.equal(result.status, 'Error', `credential test said: ${JSON.stringify(result)}`);
		assert.match(result.message, /Merchant Private Key/);
		assert.match(result.message, /signature/i);
		ctx.collectedErrors = [...(ctx.collectedErrors || []), JSON.stringify(result)];
	});

	t.test('the credential test endpoint fails with a wrong Alipay public key, naming that key', async (ctx) => {
		const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const otherKey = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
		const result = await probeCredential(ctx, credentialData(ctx, { alipayPublicKey: otherKey }));
		assert.equal(result.status, 'Error', `credential test said: ${JSON.stringify(result)}`);
		assert.match(result.message, /^Alipay Public Key: /);
	});

	t.test('the credential test endpoint fails against a server that is not Alipay, naming Custom Base URL', async (ctx) => {
		const server = createServer((_, res) => {
			res.writeHead(200, { 'content-type': 'text/html' });
			res.end('<html><body>It works!</body></html>');
		});
		await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const customBaseUrl = `http://127.0.0.1:${server.address().port}`;
			const result = await probeCredential(ctx, credentialData(ctx, { customBaseUrl }));
			assert.equal(result.status, 'Error', `credential test said: ${JSON.stringify(result)}`);
			assert.match(result.message, /^Custom Base URL: the answer is not signed/);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});

	t.test('the credential test endpoint fails for an unknown client ID, naming the client ID', async (ctx) => {
		const result = await probeCredential(ctx, credentialData(ctx, { clientId: 'SANDBOX_5YTEST9999999999' }));
		assert.equal(result.status, 'Error', `credential test said: ${JSON.stringify(result)}`);
		assert.match(result.message, /Client ID/);
		ctx.collectedErrors = [...(ctx.collectedErrors || []), JSON.stringify(result)];
	});
};
