import type { KeyObject } from 'node:crypto';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { percentDecode } from '../nodes/Alipay/core/signature';
import { isoTime, type SimClock } from './clock';
import type { SimulatorConfig } from './config';
import { signNotification } from './signing';
import type { NotificationRecord, SimStore } from './store';

/**
 * Delivers notifyPayment / notifyRegistrationStatus like Alipay: signed POSTs to the
 * URL from the request, acknowledged only by HTTP 200 with `result.resultStatus` S, otherwise
 * retried on Alipay's schedule divided by the time scale. Attempts run on the simulator clock, so
 * advancing it fires due retries at once. Every attempt is logged on its record.
 */
export interface DeliveryModes {
	/** Each new notification is delivered twice, as separate log entries. */
	duplicates: boolean;
	/** New notifications are held in pairs and released newest first. */
	outOfOrder: boolean;
	/** New notifications are logged but never sent (the merchant must fall back to inquiries); resend still works. */
	suppressed: boolean;
	/** This share (0 to 1) of new notifications is also delivered a second time at the same moment: two concurrent POSTs. */
	duplicateRate: number;
	/** This share (0 to 1) of acknowledgements is dropped: the merchant answered, but the attempt counts as unanswered and is retried. */
	dropAckRate: number;
}

/** The parts of the simulator's context (SimContext) the notifier uses. */
export interface NotifierContext {
	config: SimulatorConfig;
	clock: SimClock;
	store: SimStore;
	alipayPrivateKey: KeyObject;
	log: (line: string) => void;
}

const MAX_REPLY_BYTES = 64 * 1024;
/** How much of each reply an attempt keeps, so a log can show what the merchant answered. */
const KEPT_REPLY_CHARS = 1024;

/**
 * True for the n-th event when `rate` of all events are to be picked: exactly every 1/rate-th one,
 * so a run of 1,000 at 0.2 picks 200, the same ones every time.
 */
function picked(n: number, rate: number): boolean {
	return Math.floor(n * rate + 1e-9) > Math.floor((n - 1) * rate + 1e-9);
}

interface Outcome {
	status?: number;
	acknowledged: boolean;
	ackDropped?: boolean;
	reply?: string;
	error?: string;
}

export class Notifier {
	readonly modes: DeliveryModes;
	private created = 0;
	private acknowledgements = 0;
	private held: NotificationRecord[] = [];
	private cancels = new Map<string, () => void>();
	private inFlight = new Set<ClientRequest>();
	private sequence = 0;
	private closed = false;

	constructor(private readonly ctx: NotifierContext) {
		this.modes = {
			duplicates: false,
			outOfOrder: false,
			suppressed: false,
			duplicateRate: ctx.config.duplicateRate,
			dropAckRate: ctx.config.dropAckRate,
		};
		for (const record of ctx.store.notifications.values()) {
			const n = Number(record.id.replace(/\D/g, ''));
			if (n > this.sequence) this.sequence = n;
		}
	}

	/** Creates and (unless held for out-of-order delivery, or suppressed) starts a notification. */
	notify(
		{ kind, clientId, sandbox, subjectId }: Pick<NotificationRecord, 'kind' | 'clientId' | 'sandbox' | 'subjectId'>,
		url: string,
		body: object | string,
	): NotificationRecord {
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		const record = this.create({ kind, clientId, sandbox, subjectId, url, body: text, suppressed: this.modes.suppressed || undefined });
		const duplicate = this.modes.duplicates || picked(++this.created, this.modes.duplicateRate);
		const copies = duplicate ? [record, this.create({ ...record, copyOf: record.id })] : [record];
		if (this.modes.suppressed) {
			this.ctx.log(`notify ${record.id} ${kind} suppressed`);
		} else if (this.modes.outOfOrder) {
			this.held.push(...copies);
			if (this.held.length >= 2) this.flush();
		} else {
			copies.forEach((r) => this.scheduleAttempt(r));
		}
		this.ctx.store.save();
		return record;
	}

	/** Where a notification stands, for the log views. */
	stateOf(record: NotificationRecord): 'acknowledged' | 'scheduled' | 'held' | 'suppressed' | 'sending' | 'gave up' {
		if (record.acknowledged) return 'acknowledged';
		if (record.nextAttemptAt !== undefined) return 'scheduled';
		if (this.held.includes(record)) return 'held';
		const scheduled = record.attempts.filter((a) => !a.manual).length;
		if (record.suppressed && scheduled === 0) return 'suppressed';
		return scheduled >= this.scheduleOf(record).length ? 'gave up' : 'sending';
	}

	/** Releases held notifications, newest first. */
	flush(): number {
		const released = this.held.reverse();
		this.held = [];
		// First attempts one after another, newest first: concurrent POSTs could arrive in either order.
		void released.reduce<Promise<void>>((previous, r) => previous.then(() => this.attempt(r, false)), Promise.resolve());
		return released.length;
	}

	/** One extra attempt now, outside the schedule (like `stripe events resend`). */
	async resend(id: string): Promise<NotificationRecord | undefined> {
		const record = this.ctx.store.notifications.get(id);
		if (!record) return undefined;
		await this.attempt(record, true);
		return record;
	}

	/** Re-arms retries that were pending when the simulator last stopped. */
	resume(): void {
		for (const record of this.ctx.store.notifications.values()) {
			if (record.nextAttemptAt !== undefined) this.arm(record, Math.max(record.nextAttemptAt, this.ctx.clock.now()));
		}
	}

	close(): void {
		this.closed = true;
		this.cancels.forEach((cancel) => cancel());
		this.cancels.clear();
		this.inFlight.forEach((req) => req.destroy());
		this.inFlight.clear();
	}

	reset(): void {
		this.cancels.forEach((cancel) => cancel());
		this.cancels.clear();
		this.held = [];
		this.sequence = 0;
	}

	private create(fields: Omit<NotificationRecord, 'id' | 'createdAt' | 'attempts' | 'acknowledged'>): NotificationRecord {
		const record: NotificationRecord = {
			...fields,
			id: `ntf_${++this.sequence}`,
			createdAt: this.ctx.clock.now(),
			attempts: [],
			acknowledged: false,
		};
		this.ctx.store.notifications.set(record.id, record);
		return record;
	}

	/** Schedules the next attempt per the retry schedule, or gives up when it is exhausted. */
	private scheduleAttempt(record: NotificationRecord): void {
		const schedule = this.scheduleOf(record);
		const scheduled = record.attempts.filter((a) => !a.manual).length;
		if (record.acknowledged || scheduled >= schedule.length) {
			record.nextAttemptAt = undefined;
			return;
		}
		const delayMs = (schedule[scheduled] * 1000) / this.ctx.config.timeScale;
		this.arm(record, this.ctx.clock.now() + delayMs);
	}

	/** The sandbox makes one attempt only (Alipay's notifyPayment pages). */
	private scheduleOf(record: NotificationRecord): number[] {
		const schedule = this.ctx.config.notifyRetrySchedule;
		return record.sandbox && !this.ctx.config.sandboxResends ? schedule.slice(0, 1) : schedule;
	}

	private arm(record: NotificationRecord, at: number): void {
		record.nextAttemptAt = at;
		this.cancels.get(record.id)?.();
		this.cancels.set(
			record.id,
			this.ctx.clock.schedule(at, () => {
				this.cancels.delete(record.id);
				void this.attempt(record, false);
			}),
		);
	}

	private async attempt(record: NotificationRecord, manual: boolean): Promise<void> {
		if (this.closed) return;
		if (!manual) record.nextAttemptAt = undefined;
		const started = this.ctx.clock.now();
		const outcome = await this.post(record);
		// Closed, or the data was deleted while the POST was in flight: nothing left to log or retry.
		if (this.closed || this.ctx.store.notifications.get(record.id) !== record) return;
		if (outcome.acknowledged && !manual && picked(++this.acknowledgements, this.modes.dropAckRate)) {
			outcome.acknowledged = false;
			outcome.ackDropped = true;
		}
		record.attempts.push({
			at: isoTime(this.ctx, started),
			atMs: started,
			manual,
			status: outcome.status,
			acknowledged: outcome.acknowledged,
			ackDropped: outcome.ackDropped,
			reply: outcome.reply,
			error: outcome.error,
			durationMs: Math.max(0, this.ctx.clock.now() - started),
		});
		const number = record.attempts.length;
		this.ctx.log(
			`notify ${record.id} ${record.kind} attempt ${number} → ${outcome.status ?? outcome.error ?? '?'}${outcome.acknowledged ? ' acknowledged' : ''}${outcome.ackDropped ? ' (acknowledgement dropped)' : ''}`,
		);
		if (outcome.acknowledged) {
			record.acknowledged = true;
			record.nextAttemptAt = undefined;
			this.cancels.get(record.id)?.();
			this.cancels.delete(record.id);
		} else if (!manual) {
			this.scheduleAttempt(record);
		}
		this.ctx.store.save();
	}

	private post(record: NotificationRecord): Promise<Outcome> {
		let target: URL;
		try {
			// A percent-encoded notify URL (Alipay's message-encoding page) is decoded once to find where to send.
			target = new URL(/^https?%3A/i.test(record.url) ? percentDecode(record.url) : record.url);
		} catch {
			return Promise.resolve({ acknowledged: false, error: 'the notify URL is not a URL' });
		}
		const headers = signNotification({
			path: target.pathname + target.search,
			clientId: record.clientId,
			body: record.body,
			privateKey: this.ctx.alipayPrivateKey,
			time: isoTime(this.ctx, this.ctx.clock.now()),
		});
		const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
		return new Promise((resolve) => {
			const req = send(
				target,
				{
					method: 'POST',
					headers: { ...headers, 'content-length': Buffer.byteLength(record.body) },
					timeout: this.ctx.config.notifyTimeoutMs,
				},
				(res) => {
					const chunks: Buffer[] = [];
					let size = 0;
					res.on('data', (chunk: Buffer) => {
						size += chunk.length;
						if (size <= MAX_REPLY_BYTES) chunks.push(chunk);
					});
					res.on('end', () => {
						this.inFlight.delete(req);
						const status = res.statusCode;
						const reply = Buffer.concat(chunks);
						const acknowledged = (status === 200 || !this.ctx.config.ackRequiresHttp200) && isAcknowledgement(reply);
						resolve({ status, acknowledged, reply: reply.toString('utf8').slice(0, KEPT_REPLY_CHARS) });
					});
					res.on('error', (error) => {
						this.inFlight.delete(req);
						resolve({ status: res.statusCode, acknowledged: false, error: error.message });
					});
				},
			);
			req.on('timeout', () => req.destroy(new Error(`no reply within ${this.ctx.config.notifyTimeoutMs} ms`)));
			req.on('error', (error) => {
				this.inFlight.delete(req);
				resolve({ acknowledged: false, error: error.message });
			});
			this.inFlight.add(req);
			req.end(record.body);
		});
	}
}

/** Alipay's rule: the reply's result.resultStatus is S. */
function isAcknowledgement(body: Buffer): boolean {
	try {
		const parsed = JSON.parse(body.toString('utf8')) as { result?: { resultStatus?: unknown } };
		return parsed?.result?.resultStatus === 'S';
	} catch {
		return false;
	}
}
