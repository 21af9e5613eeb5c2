'use strict';
// What the playground and the e2e suite share: the simulator, a real n8n with the packed package,
// the "Alipay (local simulator)" credential, and workflows imported and published by n8n's CLI.

const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');
const { ensureRuntime } = require('../n8n-runtime');
const { N8nInstance } = require('./n8n');
const { Simulator } = require('./simulator');
const { ROOT, build, packAndUnpack } = require('./package');

/** The id every example workflow refers to, so they run as imported. */
const CREDENTIAL_ID = 'alipaySimulator1';
const CREDENTIAL_NAME = 'Alipay (local simulator)';
/** The shop the simulator credential carries, so Create Order Code needs only the order's own fields. */
const DEMO_SHOP = {
	referenceMerchantId: 'M-DEMO-COFFEE',
	merchantName: 'Demo Coffee',
	merchantMCC: '5812',
	referenceStoreId: 'S-DEMO-ORCHARD',
	storeName: 'Demo Coffee Orchard Road',
	storeMCC: '5812',
};
/** Examples are written for the playground's n8n; other instances get their own base URL. */
const EXAMPLE_N8N_BASE_URL = 'http://127.0.0.1:5678';
const EXAMPLES_DIR = path.join(ROOT, 'examples');

function readWorkflows(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs
		.readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => ({ file: path.join(dir, f), ...JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) }));
}

/** Points a workflow at this stage: its n8n base URL (notify URLs) and the simulator credential. */
function adaptWorkflow(workflow, n8nBaseUrl) {
	const json = JSON.stringify(workflow).split(EXAMPLE_N8N_BASE_URL).join(n8nBaseUrl);
	const adapted = JSON.parse(json);
	delete adapted.file;
	for (const node of adapted.nodes) {
		if (node.credentials && node.credentials.alipayApi) {
			node.credentials.alipayApi = { id: CREDENTIAL_ID, name: CREDENTIAL_NAME };
		}
	}
	return adapted;
}

/** Fails early, and says why, when another n8n, playground or suite run holds one of our ports. */
async function assertPortsFree(ports) {
	for (const [what, port] of Object.entries(ports)) {
		await new Promise((resolve, reject) => {
			const server = net.createServer();
			server.once('error', (error) =>
				reject(
					new Error(
						`port ${port} (${what}) on 127.0.0.1 is in use (${error.code}): is another playground, e2e run or n8n still running?`,
					),
				),
			);
			server.listen(port, '127.0.0.1', () => server.close(resolve));
		});
	}
}

/** A workflow with a node that n8n serves webhooks for must be published to get production URLs. */
function needsPublishing(workflow) {
	return webhooksOf(workflow).length > 0;
}

/** The production webhooks a published workflow serves (under /webhook/), with their methods. */
function webhooksOf(workflow) {
	return workflow.nodes.flatMap((n) => {
		if (/alipayTrigger$/.test(n.type)) {
			return ['payment', 'registration'].map((kind) => ({ path: `${n.webhookId}/${kind}`, method: 'POST' }));
		}
		if (n.type === 'n8n-nodes-base.webhook') return [{ path: n.parameters.path, method: n.parameters.httpMethod || 'GET' }];
		return [];
	});
}

/** ctx.workflowByName for the suites: an imported workflow by its name, or a clear error. */
function workflowFinder(workflows) {
	return (name) => {
		const wf = workflows.find((w) => w.name === name);
		if (!wf) throw new Error(`no imported workflow named "${name}"`);
		return wf;
	};
}

/**
 * Imports the simulator credential and the workflows with n8n's CLI (before n8n starts, so no
 * running process races the import), and publishes those that serve webhooks unless the caller
 * does that itself once n8n runs (`publish: false`).
 */
async function seedN8n(n8n, { keys, simulator, workflows, publish = true }) {
	await n8n.importCredentials([
		{
			id: CREDENTIAL_ID,
			name: CREDENTIAL_NAME,
			type: 'alipayApi',
			data: {
				clientId: keys.clientId,
				environment: 'sandbox',
				gateway: 'custom',
				customBaseUrl: simulator.baseUrl,
				privateKey: keys.merchantPrivateKey,
				alipayPublicKey: keys.alipayPublicKey,
				keyVersion: 1,
				...DEMO_SHOP,
			},
		},
	]);
	if (workflows.length) await n8n.importWorkflows(workflows);
	if (publish) for (const wf of workflows.filter(needsPublishing)) await n8n.publishWorkflow(wf.id);
}

/** Waits until the n8n process serving production webhooks has registered every one of them. */
async function waitForWebhooks(n8n, workflows) {
	for (const wf of workflows.filter(needsPublishing)) {
		for (const { path: urlPath, method } of webhooksOf(wf)) {
			await n8n.waitForWebhook(`/webhook/${urlPath}`, { acceptedMethod: method });
		}
	}
}

/**
 * What every stage starts from: its work folder (with logs/), free ports, the provisioned n8n
 * runtime, the package packed as users get it, and the simulator running.
 */
async function prepareStage(o) {
	const { log } = o;
	// Before wiping: a run still using the ports may also still be using the work folder.
	await assertPortsFree(o.ports);
	if (o.fresh) fs.rmSync(o.workDir, { recursive: true, force: true });
	fs.mkdirSync(o.workDir, { recursive: true });
	const logs = path.join(o.workDir, 'logs');
	fs.mkdirSync(logs, { recursive: true });

	const runtime = await ensureRuntime({ log });
	if (!o.skipBuild) build(log);
	const unpacked = packAndUnpack(path.join(o.workDir, 'pack'), log);

	const simulator = new Simulator({
		port: o.ports.simulator,
		clientId: o.keys.clientId,
		merchantPublicKeyFile: o.keys.merchantPublicKeyFile,
		alipayPrivateKeyFile: o.keys.alipayPrivateKeyFile,
		timeScale: o.timeScale,
		notifyTimeoutSeconds: o.notifyTimeoutSeconds,
		dataFile: o.simulatorDataFile,
		logFile: path.join(logs, 'simulator.log'),
		log,
	});
	await simulator.start();
	return { logs, runtime, unpacked, simulator };
}

/**
 * @param {object} o
 * @param {string} o.workDir everything this stage writes (user folder, logs, simulator data)
 * @param {boolean} o.fresh wipe workDir first (e2e) or reuse it (playground)
 * @param {{n8n: number, broker: number, simulator: number}} o.ports
 * @param {{clientId: string, merchantPrivateKey: string, alipayPublicKey: string, merchantPublicKeyFile: string, alipayPrivateKeyFile: string}} o.keys
 * @param {Array<object>} o.workflows workflows to import (already read)
 * @param {string} o.encryptionKey
 * @param {{email: string, password: string}} o.owner
 * @param {string} [o.simulatorDataFile] the simulator keeps its state here across restarts (playground)
 * @param {number} [o.timeScale]
 * @param {number} [o.notifyTimeoutSeconds] the simulator's wait for each notification answer
 * @param {boolean} [o.skipBuild]
 * @param {Record<string,string>} [o.extraEnv]
 * @param {(line: string) => void} o.log
 */
async function startStage(o) {
	const { log } = o;
	const { logs, runtime, unpacked, simulator } = await prepareStage(o);

	const n8n = new N8nInstance({
		runtime,
		home: path.join(o.workDir, 'home'),
		port: o.ports.n8n,
		brokerPort: o.ports.broker,
		encryptionKey: o.encryptionKey,
		owner: o.owner,
		logFile: path.join(logs, 'n8n.log'),
		extraEnv: o.extraEnv,
		log,
	});
	n8n.installPackage(unpacked);

	// A second playground run keeps the user's edits: import only into a new database.
	const seededMarker = path.join(n8n.dataDir, 'alipay-seeded.json');
	const workflows = o.workflows.map((w) => adaptWorkflow(w, n8n.baseUrl));
	if (!fs.existsSync(seededMarker)) {
		await seedN8n(n8n, { keys: o.keys, simulator, workflows });
		fs.writeFileSync(seededMarker, JSON.stringify({ workflows: workflows.map((w) => w.id) }, null, 2));
	} else {
		log('reusing the existing n8n data (credential and workflows already imported)');
	}

	await n8n.start();
	await waitForWebhooks(n8n, workflows);
	await n8n.login();
	return { runtime, simulator, n8n, workflows };
}

module.exports = {
	startStage,
	prepareStage,
	seedN8n,
	waitForWebhooks,
	workflowFinder,
	readWorkflows,
	adaptWorkflow,
	needsPublishing,
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	EXAMPLES_DIR,
	EXAMPLE_N8N_BASE_URL,
};
