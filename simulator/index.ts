import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { loadPrivateKey, loadPublicKey, publicKeyToBase64 } from '../nodes/Alipay/core/keys';
import { SimClock } from './clock';
import { resolveConfig, type SimulatorOptions } from './config';
import type { KnownMerchant, SimContext } from './context';
import { FaultBook } from './faults';
import { RateLimiter } from './rate-limit';
import { scheduleExpiry, scheduleRefundCompletion } from './lifecycle';
import { Notifier } from './notifier';
import { scheduleReview } from './registrations';
import { RequestLog } from './request-log';
import { createSimulatorServer } from './server';
import { SimStore } from './store';

export type { SimulatorMerchant, SimulatorOptions, SignatureErrorCode } from './config';
export { ALIPAY_NOTIFY_SCHEDULE_SECONDS } from './config';
export type { FaultMode, FaultRule } from './faults';

export interface RunningSimulator {
	/** `http://127.0.0.1:<port>`: set the credential's custom base URL to this. */
	baseUrl: string;
	port: number;
	clientIds: string[];
	/** Base64 SPKI DER of the key responses and notifications are signed with. */
	alipayPublicKey: string;
	/** Moves the simulator clock forward (expiry, retries, registration review), like POST /_sim/clock/advance. */
	advanceClock(ms: number): void;
	close(): Promise<void>;
}

/** Starts a local Alipay gateway (see simulator/README.md). Resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
	const config = resolveConfig(options);
	const alipayPrivateKey: KeyObject = options.alipayPrivateKey
		? loadPrivateKey(options.alipayPrivateKey, 'alipayPrivateKey')
		: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
	const merchants = new Map<string, KnownMerchant>();
	for (const m of options.merchants ?? []) {
		const clientId = m.clientId.trim();
		if (!clientId) throw new Error('every merchant needs a client ID');
		merchants.set(clientId, {
			clientId,
			publicKey: loadPublicKey(m.publicKey, `public key of merchant ${clientId}`),
			keyVersion: String(m.keyVersion ?? '1'),
		});
	}

	const clock = new SimClock(options.realNow);
	const ctx = {
		config,
		clock,
		store: new SimStore(config.dataFile),
		merchants,
		alipayPrivateKey,
		alipayPublicKey: publicKeyToBase64(alipayPrivateKey),
		baseUrl: '',
		faults: new FaultBook(),
		rateLimiter: new RateLimiter(config.rateLimitPerSecond),
		requests: new RequestLog(config.requestLogSize),
		log: config.log,
	} as SimContext;
	ctx.notifier = new Notifier(ctx);

	const server = createSimulatorServer(ctx);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	ctx.baseUrl = config.publicBaseUrl ?? `http://${displayHost(config.host)}:${port}`;

	// Work that was pending when a persistent simulator stopped carries on.
	ctx.store.payments.forEach((p) => scheduleExpiry(ctx, p));
	ctx.store.refunds.forEach((r) => scheduleRefundCompletion(ctx, r));
	ctx.store.registrations.forEach((r) => scheduleReview(ctx, r));
	ctx.notifier.resume();
	config.log(`Alipay simulator listening on ${ctx.baseUrl} for ${[...merchants.keys()].join(', ') || 'no merchants'}`);

	let closing: Promise<void> | undefined;
	return {
		baseUrl: ctx.baseUrl,
		port,
		clientIds: [...merchants.keys()],
		alipayPublicKey: ctx.alipayPublicKey,
		advanceClock: (ms) => clock.advance(ms),
		close() {
			closing ??= new Promise<void>((resolve) => {
				ctx.notifier.close();
				clock.close();
				ctx.store.save();
				server.close(() => resolve());
				server.closeAllConnections();
			});
			return closing;
		},
	};
}

/** A wildcard listen address is not somewhere a client can connect to. */
function displayHost(host: string): string {
	if (host === '0.0.0.0' || host === '::' || host === '') return '127.0.0.1';
	return host.includes(':') ? `[${host}]` : host;
}
