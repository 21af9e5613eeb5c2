import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Amount, PspCustomerInfo } from './contract/wire';

/**
 * Everything the simulated gateway remembers, keyed the way Alipay scopes it: per client ID.
 * One JSON document, written atomically (temp file + rename) after each change when a data file
 * is configured, so a restart loses nothing.
 */

export type SimPaymentStatus = 'PROCESSING' | 'SUCCESS' | 'FAIL' | 'CANCELLED';

export interface PaymentRecord {
	clientId: string;
	sandbox: boolean;
	paymentId: string;
	paymentRequestId: string;
	/** Idempotency fingerprint of the key fields (Alipay's idempotency page). */
	fingerprint: string;
	status: SimPaymentStatus;
	resultCode: string;
	resultMessage: string;
	paymentAmount: Amount;
	paymentMethodType: string;
	orderDescription: string;
	referenceMerchantId: string;
	referenceStoreId: string;
	paymentNotifyUrl: string;
	createdAt: number;
	expiresAt: number;
	/** When the payment reached SUCCESS or FAIL: start of the cancel and refund windows. */
	paymentTime?: number;
	cancelTime?: number;
	customer?: PspCustomerInfo;
}

export interface RefundRecord {
	clientId: string;
	refundId: string;
	refundRequestId: string;
	paymentId: string;
	fingerprint: string;
	refundAmount: Amount;
	refundReason?: string;
	referenceRefundId?: string;
	/** CANCEL refunds are the implicit full refund of a cancelled successful payment. */
	kind: 'REFUND' | 'CANCEL';
	/** PROCESSING only with the refundProcessingSeconds option (an asynchronous refund). */
	status: 'SUCCESS' | 'PROCESSING';
	/** When it succeeded, or, while PROCESSING, when it will. */
	refundTime: number;
	response: Record<string, unknown>;
}

export type WalletDecision = 'PENDING' | 'APPROVED' | 'REJECTED';

export interface RegistrationRecord {
	clientId: string;
	sandbox: boolean;
	registrationRequestId: string;
	fingerprint: string;
	referenceMerchantId: string;
	referenceStoreId?: string;
	registrationNotifyUrl?: string;
	request: Record<string, unknown>;
	status: 'PENDING' | 'COMPLETED';
	wallets: Array<{ pspName: string; status: WalletDecision; rejectReasons?: string }>;
	createdAt: number;
	completedAt?: number;
	response: Record<string, unknown>;
}

export interface NotificationAttempt {
	/** ISO time of the attempt (simulated clock). */
	at: string;
	/** The same instant in epoch milliseconds, for exact schedule checks. */
	atMs: number;
	/** A resend from the control API, outside the retry schedule. */
	manual: boolean;
	status?: number;
	acknowledged: boolean;
	/** The merchant acknowledged, but the simulator dropped it on purpose (dropAckRate) and will resend. */
	ackDropped?: boolean;
	/** The merchant's reply body (first 1 KiB). */
	reply?: string;
	error?: string;
	durationMs: number;
}

export interface NotificationRecord {
	id: string;
	kind: 'payment' | 'registration';
	clientId: string;
	/** About a sandbox call: the sandbox does not resend. */
	sandbox: boolean;
	/** paymentId or registrationRequestId. */
	subjectId: string;
	url: string;
	/** The exact JSON body every attempt sends. */
	body: string;
	createdAt: number;
	attempts: NotificationAttempt[];
	acknowledged: boolean;
	/** Simulated time of the next scheduled attempt; absent when finished or given up. */
	nextAttemptAt?: number;
	/** Created while delivery was suppressed: never sent unless resent. */
	suppressed?: boolean;
	/** Extra deliveries made on purpose (duplicates switch or resend) are marked so the log tells them apart. */
	copyOf?: string;
}

interface Snapshot {
	version: 1;
	sequence: number;
	payments: PaymentRecord[];
	refunds: RefundRecord[];
	registrations: RegistrationRecord[];
	notifications: NotificationRecord[];
}

function readSnapshot(dataFile: string): Snapshot {
	let snapshot: Snapshot;
	try {
		snapshot = JSON.parse(readFileSync(dataFile, 'utf8')) as Snapshot;
	} catch (error) {
		throw new Error(`the simulator data file ${dataFile} cannot be read (${(error as Error).message}); move it away to start empty`);
	}
	if (snapshot?.version !== 1) throw new Error(`the simulator data file ${dataFile} has an unknown version ${String(snapshot?.version)}`);
	const problem = snapshotProblem(snapshot);
	if (problem) throw new Error(`the simulator data file ${dataFile} is damaged (${problem}); move it away to start empty`);
	return snapshot;
}

/** What makes a parsed data file unusable, checked before any of it is loaded. */
function snapshotProblem(snapshot: Snapshot): string | undefined {
	if (typeof snapshot.sequence !== 'number') return 'sequence is not a number';
	const lists: Array<[keyof Snapshot, string[]]> = [
		['payments', ['paymentId', 'paymentRequestId', 'clientId']],
		['refunds', ['refundId', 'refundRequestId', 'clientId']],
		['registrations', ['registrationRequestId', 'clientId']],
		['notifications', ['id']],
	];
	for (const [name, ids] of lists) {
		const list = snapshot[name] as unknown;
		if (!Array.isArray(list)) return `${name} is not a list`;
		const index = list.findIndex(
			(entry: unknown) =>
				entry === null || typeof entry !== 'object' || ids.some((id) => typeof (entry as Record<string, unknown>)[id] !== 'string'),
		);
		if (index >= 0) return `${name}[${index}] lacks ${ids.join(', ')}`;
	}
	return undefined;
}

const key = (clientId: string, id: string) => `${clientId}\u0000${id}`;

export class SimStore {
	sequence = 0;
	readonly payments = new Map<string, PaymentRecord>();
	readonly refunds = new Map<string, RefundRecord>();
	readonly registrations = new Map<string, RegistrationRecord>();
	readonly notifications = new Map<string, NotificationRecord>();
	private readonly paymentsByRequestId = new Map<string, string>();
	private readonly refundsByRequestId = new Map<string, string>();

	constructor(private readonly dataFile?: string) {
		if (dataFile && existsSync(dataFile)) this.load(readSnapshot(dataFile));
	}

	nextSequence(): number {
		return ++this.sequence;
	}

	addPayment(payment: PaymentRecord): void {
		this.payments.set(payment.paymentId, payment);
		this.paymentsByRequestId.set(key(payment.clientId, payment.paymentRequestId), payment.paymentId);
	}

	/** paymentId wins over paymentRequestId (as on Alipay's inquiryPayment page); another client's payment does not exist. */
	findPayment(clientId: string, ref: { paymentId?: string; paymentRequestId?: string }): PaymentRecord | undefined {
		const id = ref.paymentId ?? this.paymentsByRequestId.get(key(clientId, ref.paymentRequestId ?? ''));
		const payment = id === undefined ? undefined : this.payments.get(id);
		return payment && payment.clientId === clientId ? payment : undefined;
	}

	addRefund(refund: RefundRecord): void {
		this.refunds.set(refund.refundId, refund);
		this.refundsByRequestId.set(key(refund.clientId, refund.refundRequestId), refund.refundId);
	}

	findRefund(clientId: string, ref: { refundId?: string; refundRequestId?: string }): RefundRecord | undefined {
		const id = ref.refundId ?? this.refundsByRequestId.get(key(clientId, ref.refundRequestId ?? ''));
		const refund = id === undefined ? undefined : this.refunds.get(id);
		return refund && refund.clientId === clientId ? refund : undefined;
	}

	refundsOf(paymentId: string): RefundRecord[] {
		return [...this.refunds.values()].filter((r) => r.paymentId === paymentId);
	}

	addRegistration(registration: RegistrationRecord): void {
		this.registrations.set(key(registration.clientId, registration.registrationRequestId), registration);
	}

	findRegistration(clientId: string, registrationRequestId: string): RegistrationRecord | undefined {
		return this.registrations.get(key(clientId, registrationRequestId));
	}

	/** A merchant's registrations, newest first. */
	/** Newest first; an absent merchant or store ID matches any (a query may give either alone). */
	registrationsOf(clientId: string, referenceMerchantId?: string, referenceStoreId?: string): RegistrationRecord[] {
		return [...this.registrations.values()]
			.filter(
				(r) =>
					r.clientId === clientId &&
					(referenceMerchantId === undefined || r.referenceMerchantId === referenceMerchantId) &&
					(referenceStoreId === undefined || r.referenceStoreId === referenceStoreId),
			)
			.sort((a, b) => b.createdAt - a.createdAt);
	}

	/** Registrations are looked up by their own ID from the control API (it is not scoped to a client). */
	findRegistrationById(registrationRequestId: string): RegistrationRecord | undefined {
		return [...this.registrations.values()].find((r) => r.registrationRequestId === registrationRequestId);
	}

	clear(): void {
		this.sequence = 0;
		for (const map of [this.payments, this.refunds, this.registrations, this.notifications]) map.clear();
		this.paymentsByRequestId.clear();
		this.refundsByRequestId.clear();
	}

	/** Persists the whole state; called after every change. */
	save(): void {
		if (!this.dataFile) return;
		const snapshot: Snapshot = {
			version: 1,
			sequence: this.sequence,
			payments: [...this.payments.values()],
			refunds: [...this.refunds.values()],
			registrations: [...this.registrations.values()],
			notifications: [...this.notifications.values()],
		};
		mkdirSync(dirname(this.dataFile), { recursive: true });
		const temp = `${this.dataFile}.${process.pid}.tmp`;
		// Only its owner may read it: it holds every simulated customer's payments.
		writeFileSync(temp, JSON.stringify(snapshot), { mode: 0o600 });
		renameSync(temp, this.dataFile);
	}

	private load(snapshot: Snapshot): void {
		this.sequence = snapshot.sequence;
		snapshot.payments.forEach((p) => this.addPayment(p));
		snapshot.refunds.forEach((r) => this.addRefund(r));
		snapshot.registrations.forEach((r) => this.addRegistration(r));
		snapshot.notifications.forEach((n) => this.notifications.set(n.id, n));
	}
}
