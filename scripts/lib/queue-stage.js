'use strict';
// n8n in queue mode on one machine, the way a shop that outgrew one process runs it: Postgres and
// Redis, one main process (editor, REST, activation; production webhooks off), webhook processes
// behind a round-robin load balancer, and workers that run every execution. Each process has its
// own user folder with the package installed as users install it, and all share one encryption
// key, database and queue. The simulator notifies through the balancer.

const path = require('node:path');
const { N8nInstance } = require('./n8n');
const { RoundRobinBalancer } = require('./balancer');
const { ensureDatastores, Postgres, Redis } = require('./datastores');
const { prepareStage, seedN8n, waitForWebhooks, adaptWorkflow, needsPublishing } = require('./stage');

const DATABASE = 'n8n';

/** Environment every queue-mode process shares: the queue, the database, the public webhook URL. */
function queueEnv({ ports, webhookBaseUrl }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(ports.redis),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(ports.postgres),
		DB_POSTGRESDB_DATABASE: DATABASE,
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		// n8n's default of 2 connections per process: under a storm the webhook processes' requests
		// queue for one, n8n's health check times out, and every request is answered 503.
		DB_POSTGRESDB_POOL_SIZE: '20',
		// n8n removes a finished job from Redis at once by default. A webhook process waiting for a
		// job's end (to reply after the run: "Acknowledge: After the Workflow Succeeds", Respond to
		// Webhook) checks the job, then listens for its completion; a job that completes in between
		// is gone, and the reply never comes (seen here: an operations call left unanswered). Kept
		// jobs are found by Bull's 5-second re-check.
		N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '5000',
		N8N_EXECUTIONS_QUEUE_KEEP_LAST_FAILED: '5000',
		// Production URLs (shown in the editor, given to nodes) point at the balancer, not at main.
		WEBHOOK_URL: `${webhookBaseUrl}/`,
		N8N_WEBHOOK_URL: `${webhookBaseUrl}/`,
	};
}

/**
 * @param {object} o as startStage (scripts/lib/stage.js), plus:
 * @param {{main: number, mainBroker: number, webhooks: number[], workerHealth: number[], workerBrokers: number[], balancer: number, simulator: number, postgres: number, redis: number}} o.ports
 * @param {Record<string,string>} [o.workerEnv] extra environment for the workers only
 */
async function startQueueStage(o) {
	const { log } = o;
	const flatPorts = Object.fromEntries(
		Object.entries(o.ports).flatMap(([k, v]) => (Array.isArray(v) ? v.map((p, i) => [`${k}${i + 1}`, p]) : [[k, v]])),
	);
	const aptSeconds = ensureDatastores(log);
	const { logs, runtime, unpacked, simulator } = await prepareStage({ ...o, ports: flatPorts });

	const postgres = new Postgres({ dir: path.join(o.workDir, 'postgres'), port: o.ports.postgres, logFile: path.join(logs, 'postgres.log'), log });
	const redis = new Redis({ dir: path.join(o.workDir, 'redis'), port: o.ports.redis, logFile: path.join(logs, 'redis.log'), log });
	await Promise.all([postgres.start(), redis.start()]);
	await postgres.createDatabase(DATABASE);

	const balancer = new RoundRobinBalancer({
		port: o.ports.balancer,
		targets: o.ports.webhooks.map((p) => `http://127.0.0.1:${p}`),
		// Acknowledging after the run, a webhook process mostly waits for the workers (10 runs at
		// once each): 16 open per process keeps both workers fed without flooding its database pool.
		maxInFlight: 16,
		log,
	});
	await balancer.start();

	const shared = queueEnv({ ports: o.ports, webhookBaseUrl: balancer.baseUrl });
	const instance = (name, fields, env) => {
		const n8n = new N8nInstance({
			runtime,
			home: path.join(o.workDir, name),
			encryptionKey: o.encryptionKey,
			owner: o.owner,
			logFile: path.join(logs, `${name}.log`),
			extraEnv: { ...o.extraEnv, ...shared, ...env },
			log,
			...fields,
		});
		n8n.installPackage(unpacked);
		n8n.name = name;
		return n8n;
	};
	const main = instance(
		'main',
		{ command: 'start', port: o.ports.main, brokerPort: o.ports.mainBroker },
		// Production webhooks only on webhook processes; manual runs on workers too. Executions a dead
		// worker held are marked crashed by main's queue recovery: every minute, not every 3 hours.
		{
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '1',
		},
	);
	const webhooks = o.ports.webhooks.map((port, i) => instance(`webhook-${i + 1}`, { command: 'webhook', port, brokerPort: o.ports.mainBroker }, {}));
	const workers = o.ports.workerHealth.map((healthPort, i) =>
		instance(
			`worker-${i + 1}`,
			// A worker serves no HTTP but its health check; N8N_PORT stays out of everyone's way.
			{ command: 'worker', port: healthPort, healthPort, brokerPort: o.ports.workerBrokers[i] },
			{ QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort), ...o.workerEnv },
		),
	);

	// Seeding runs every migration first; the processes then start on a ready database. Publishing
	// through main's API once it runs takes a second, not one CLI start (seconds each) per workflow.
	const workflows = o.workflows.map((w) => adaptWorkflow(w, balancer.baseUrl));
	await seedN8n(main, { keys: o.keys, simulator, workflows, publish: false });
	await main.start();
	await main.login();
	await main.createApiKey('alipay-queue');
	for (const wf of workflows.filter(needsPublishing)) await main.api('POST', `/workflows/${wf.id}/activate`);
	await Promise.all([...webhooks, ...workers].map((p) => p.start()));
	for (const webhook of webhooks) await waitForWebhooks(webhook, workflows);
	return { runtime, simulator, postgres, redis, balancer, n8n: main, webhooks, workers, workflows, aptSeconds };
}

module.exports = { startQueueStage };
