import { randomInt, type KeyObject } from 'node:crypto';
import type { SimClock } from './clock';
import type { SimulatorConfig } from './config';
import type { FaultBook } from './faults';
import type { Notifier } from './notifier';
import type { RateLimiter } from './rate-limit';
import type { RequestLog } from './request-log';
import type { SimStore } from './store';

/** A registered merchant with its parsed key. */
export interface KnownMerchant {
	clientId: string;
	publicKey: KeyObject;
	keyVersion: string;
}

/** What every part of the simulator shares; built once by startSimulator. */
export interface SimContext {
	config: SimulatorConfig;
	clock: SimClock;
	store: SimStore;
	merchants: Map<string, KnownMerchant>;
	alipayPrivateKey: KeyObject;
	/** Base64 SPKI DER, Alipay's exchange format. */
	alipayPublicKey: string;
	/** Known once the server listens. */
	baseUrl: string;
	notifier: Notifier;
	faults: FaultBook;
	rateLimiter: RateLimiter;
	requests: RequestLog;
	log: (line: string) => void;
}

/**
 * Alipay-shaped IDs (digits, timestamp first, ≤ 64 chars): unique within a store through its
 * sequence, and across resets through the random tail.
 */
export function newAlipayId(ctx: Pick<SimContext, 'clock' | 'store'>, kind: 'payment' | 'refund'): string {
	const stamp = new Date(ctx.clock.now()).toISOString().replace(/\D/g, '').slice(0, 14);
	const product = kind === 'payment' ? '80010018' : '80130018';
	const sequence = String(ctx.store.nextSequence()).padStart(8, '0');
	return `${stamp}${product}${sequence}${String(randomInt(10_000)).padStart(4, '0')}`;
}

/** The URLs that identify a payment's order code: the code's link opens the scan page, images are PNG QR codes of it. */
export function orderCodeUrls(ctx: SimContext, paymentId: string): { text: string; small: string; middle: string; big: string } {
	const base = `${ctx.baseUrl}/_sim`;
	const id = encodeURIComponent(paymentId);
	return {
		text: `${base}/scan/${id}`,
		small: `${base}/qr/${id}/small.png`,
		middle: `${base}/qr/${id}/middle.png`,
		big: `${base}/qr/${id}/big.png`,
	};
}
