#!/usr/bin/env node
'use strict';
// `npm start`: the playground. Builds the package, starts the local Alipay simulator and a real
// n8n with the package installed as users get it, the credential "Alipay (local simulator)" and
// the example workflows from examples/ (trigger ones published). Ctrl-C stops everything; the
// next run reuses the data in .playground/ (`npm start -- --fresh` starts over).

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { stopAll, stopRequested } = require('./lib/children');
const { ROOT } = require('./lib/package');
const { startStage, readWorkflows, needsPublishing, EXAMPLES_DIR } = require('./lib/stage');

const WORK_DIR = path.join(ROOT, '.playground');
const CLIENT_ID = 'SANDBOX_5YPLAYGROUND00001';
const OWNER = { email: 'owner@playground.test', password: 'Alipay-Playground-1', firstName: 'Shop', lastName: 'Owner' };

function log(line) {
	console.log(`[playground] ${line}`);
}

function arg(name, fallback) {
	const i = process.argv.indexOf(name);
	return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** A merchant key pair and a gateway key pair, made once and kept (git-ignored) with the data. */
function playgroundKeys() {
	const dir = path.join(WORK_DIR, 'keys');
	fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
	const pair = (name) => {
		const priv = path.join(dir, `${name}-private.pem`);
		const pub = path.join(dir, `${name}-public.pem`);
		if (!fs.existsSync(priv) || !fs.existsSync(pub)) {
			const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
			fs.writeFileSync(priv, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
			fs.writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
		}
		const b64 = (file) =>
			fs
				.readFileSync(file, 'utf8')
				.replace(/-----[A-Z ]+-----/g, '')
				.replace(/\s+/g, '');
		return { priv, pub, privateBase64: b64(priv), publicBase64: b64(pub) };
	};
	const merchant = pair('merchant');
	const alipay = pair('alipay');
	return {
		clientId: CLIENT_ID,
		merchantPrivateKey: merchant.privateBase64,
		alipayPublicKey: alipay.publicBase64,
		merchantPublicKeyFile: merchant.pub,
		alipayPrivateKeyFile: alipay.priv,
	};
}

function encryptionKey() {
	const file = path.join(WORK_DIR, 'encryption-key');
	if (!fs.existsSync(file)) fs.writeFileSync(file, crypto.randomBytes(24).toString('hex'), { mode: 0o600 });
	return fs.readFileSync(file, 'utf8').trim();
}

async function main() {
	const t0 = Date.now();
	if (process.argv.includes('--fresh')) fs.rmSync(WORK_DIR, { recursive: true, force: true });
	fs.mkdirSync(WORK_DIR, { recursive: true });
	const n8nPort = Number(arg('--port', '5678'));
	const workflows = readWorkflows(EXAMPLES_DIR);
	const stage = await startStage({
		workDir: WORK_DIR,
		fresh: false,
		ports: { n8n: n8nPort, broker: Number(arg('--broker-port', '5679')), simulator: Number(arg('--simulator-port', '8787')) },
		keys: playgroundKeys(),
		workflows,
		encryptionKey: encryptionKey(),
		owner: OWNER,
		simulatorDataFile: path.join(WORK_DIR, 'simulator-data.json'),
		log,
	});
	const { n8n, simulator } = stage;
	const byName = (re) => stage.workflows.find((w) => re.test(w.name));
	const sell = byName(/order code/i);
	const sellWebhook = sell && sell.nodes.find((n) => n.type === 'n8n-nodes-base.webhook');
	const published = stage.workflows.filter(needsPublishing).map((w) => `     - ${w.name}`);

	console.log(`
  n8n-nodes-alipay playground is ready (${((Date.now() - t0) / 1000).toFixed(0)} s)

  n8n editor        ${n8n.baseUrl}/
    login           ${OWNER.email} / ${OWNER.password}
  Simulator wallet  ${simulator.baseUrl}/_sim/   (the customer's side: pay, decline, expire)
  Credential        "Alipay (local simulator)" -> ${simulator.baseUrl}, client ID ${CLIENT_ID}
  Published workflows (their webhooks are live):
${published.join('\n') || '     (none)'}

  Try the examples in order (Overview > Workflows; each one's sticky note says what to press):
   1. Sell with an order code: open
      ${sell && sellWebhook ? `${n8n.baseUrl}/webhook/${sellWebhook.parameters.path}?amount=12.50&currency=SGD` : `${n8n.baseUrl}/`}
      in a browser: n8n creates an order code at the simulator and answers with its QR image.
      Order codes expire after 3 minutes in the simulator: pay within them.
   2. Record paid orders: on the wallet page above, press Pay beside that order. This published
      workflow runs once (its Executions tab) and adds the row to the Data Table
      "Alipay paid orders" (Overview > Data tables).
   3. Refund part of a payment: open it and press Execute workflow: 1.00 of the newest paid order.
   4. Merchant onboarding: open it and press Execute workflow: a new shop is registered, PENDING.
   5. Record registration decisions: on the wallet page, press Approve (or Reject) beside that
      registration; this published workflow sets its row to the wallets' decision.

  Logs: ${path.relative(ROOT, path.join(WORK_DIR, 'logs'))}/   Data kept in ${path.relative(ROOT, WORK_DIR)}/ (npm start -- --fresh to reset)
  Ctrl-C stops n8n and the simulator.
`);
	// Either child dying on its own ends the playground: half a stage is worse than none.
	const ended = await Promise.race([
		n8n.child.exited.then((r) => ({ who: 'n8n', ...r })),
		simulator.child.exited.then((r) => ({ who: 'simulator', ...r })),
	]);
	if (stopRequested()) return;
	console.error(`${ended.who} stopped unexpectedly (${ended.signal || ended.code}); see ${path.join(WORK_DIR, 'logs')}`);
	await stopAll();
	process.exit(1);
}

main().catch(async (error) => {
	console.error(`[playground] ${error.message}`);
	await stopAll();
	process.exit(1);
});
