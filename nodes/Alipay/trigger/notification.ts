import type { PaymentNotification, RegistrationNotification } from '../core';
import { amountView } from '../helpers/simplify';

/**
 * What a verified notification means: its kind (from the URL it arrived on, corrected by its
 * shape), a status in Alipay's words, the event the user filters on, and an identity that is the
 * same for every redelivery of it (Alipay resends up to 8 times in 24 hours:
 * docs/protocol.md#notifications).
 */

export type NotificationKind = 'payment' | 'registration';

export type NotificationEvent =
	| 'paymentSucceeded'
	| 'paymentFailed'
	| 'paymentOther'
	| 'registrationApproved'
	| 'registrationRejected'
	| 'registrationOther';

export interface NotificationIdentity {
	kind: NotificationKind;
	paymentId?: string;
	paymentRequestId?: string;
	registrationRequestId?: string;
	referenceMerchantId?: string;
	referenceStoreId?: string;
	status: string;
}

export interface DescribedNotification {
	kind: NotificationKind;
	event: NotificationEvent;
	status: string;
	identity: NotificationIdentity;
	/** `kind:id:status`, stable across redeliveries; undefined when the body carries no ID at all. */
	key?: string;
	/** Convenience fields for the workflow, in Alipay's names. */
	fields: Record<string, unknown>;
}

type JsonObject = Record<string, unknown>;

/** The body as a JSON object, or undefined when it is not one. */
export function parseNotificationBody(rawBody: Buffer): JsonObject | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return undefined;
	}
	return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as JsonObject) : undefined;
}

/**
 * Only payment notifications carry `notifyType` or `paymentId`; registration ones carry neither
 * (Alipay's notifyPayment and notifyRegistrationStatus pages). A body that says otherwise than the
 * URL wins, so a URL pasted into the wrong field still reports the right kind instead of being
 * filtered away.
 */
export function notificationKind(receivedOn: NotificationKind, body: JsonObject): NotificationKind {
	if (typeof body.notifyType === 'string' || typeof body.paymentId === 'string') return 'payment';
	if ('registrationResult' in body || 'pspRegistrationResultList' in body || 'registrationRequestId' in body) {
		return 'registration';
	}
	return receivedOn;
}

export function describeNotification(receivedOn: NotificationKind, body: JsonObject): DescribedNotification {
	return notificationKind(receivedOn, body) === 'payment'
		? describePayment(body as PaymentNotification)
		: describeRegistration(body as RegistrationNotification);
}

/** A body field that is a non-blank string, trimmed; anything else (a number, an object) counts as absent. */
function nonBlankString(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `PAYMENT_PENDING` means paid but not final: never report it as a success. */
export function paymentStatus(body: PaymentNotification): string {
	const notifyType = nonBlankString(body.notifyType)?.toUpperCase();
	if (notifyType === 'PAYMENT_PENDING') return 'PENDING';
	if (notifyType !== undefined && notifyType !== 'PAYMENT_RESULT') return notifyType;
	const resultStatus = nonBlankString(body.result?.resultStatus)?.toUpperCase();
	if (resultStatus === 'S') return 'SUCCESS';
	if (resultStatus === 'F') return 'FAIL';
	return 'UNKNOWN';
}

const PAYMENT_EVENTS: Record<string, NotificationEvent> = { SUCCESS: 'paymentSucceeded', FAIL: 'paymentFailed' };

function describePayment(body: PaymentNotification): DescribedNotification {
	const status = paymentStatus(body);
	const paymentId = nonBlankString(body.paymentId);
	const paymentRequestId = nonBlankString(body.paymentRequestId);
	const id = paymentId ?? paymentRequestId;
	return {
		kind: 'payment',
		event: PAYMENT_EVENTS[status] ?? 'paymentOther',
		status,
		identity: { kind: 'payment', paymentId, paymentRequestId, status },
		key: id === undefined ? undefined : `payment:${id}:${status}`,
		fields: {
			paymentId,
			paymentRequestId,
			notifyType: nonBlankString(body.notifyType),
			paymentStatus: status,
			// The notification's result is the payment's result, which Get Payment calls paymentResultCode.
			paymentResultCode: nonBlankString(body.result?.resultCode),
			paymentResultMessage: nonBlankString(body.result?.resultMessage),
			...amountView(body.paymentAmount),
			...amountView(body.actualPaymentAmount, 'actual'),
			paymentCreateTime: nonBlankString(body.paymentCreateTime),
			paymentTime: nonBlankString(body.paymentTime),
		},
	};
}

/**
 * One status for the whole registration. The overall `registrationStatus` is `PENDING` or
 * `COMPLETED` (then each wallet says APPROVED or REJECTED); some senders put
 * APPROVED/REJECTED there directly. A wallet still undecided keeps the whole registration
 * PENDING; without wallet results the overall status is passed on as sent (UNKNOWN when absent),
 * so it is never mistaken for an approval.
 */
export function registrationStatus(body: RegistrationNotification): string {
	const overall = nonBlankString(body.registrationResult?.registrationStatus)?.toUpperCase();
	if (overall === 'APPROVED' || overall === 'REJECTED' || overall === 'PENDING') return overall;
	const wallets = walletStatuses(body);
	const statuses = Object.values(wallets);
	if (statuses.length === 0) return overall ?? 'UNKNOWN';
	if (statuses.every((s) => s === 'APPROVED')) return 'APPROVED';
	if (statuses.every((s) => s === 'REJECTED')) return 'REJECTED';
	if (statuses.every((s) => s === 'APPROVED' || s === 'REJECTED')) return 'PARTIALLY_APPROVED';
	return 'PENDING';
}

function walletStatuses(body: RegistrationNotification): Record<string, string> {
	const wallets: Record<string, string> = {};
	const list = Array.isArray(body.pspRegistrationResultList) ? body.pspRegistrationResultList : [];
	for (const entry of list) {
		const name = nonBlankString(entry?.pspName);
		const status = nonBlankString(entry?.registrationResult?.registrationStatus)?.toUpperCase();
		if (name && status) wallets[name] = status;
	}
	return wallets;
}

const REGISTRATION_EVENTS: Record<string, NotificationEvent> = {
	APPROVED: 'registrationApproved',
	REJECTED: 'registrationRejected',
};

function describeRegistration(body: RegistrationNotification): DescribedNotification {
	const status = registrationStatus(body);
	const registrationRequestId = nonBlankString(body.registrationRequestId);
	const referenceMerchantId = nonBlankString(body.referenceMerchantId);
	const referenceStoreId = nonBlankString(body.referenceStoreId);
	// Without a request ID the spec says to match on the merchant (and store).
	const id =
		registrationRequestId ??
		(referenceMerchantId ? [referenceMerchantId, referenceStoreId].filter(Boolean).join('/') : undefined);
	const wallets = walletStatuses(body);
	const walletsWith = (wanted: string) => Object.keys(wallets).filter((name) => wallets[name] === wanted);
	return {
		kind: 'registration',
		event: REGISTRATION_EVENTS[status] ?? 'registrationOther',
		status,
		identity: { kind: 'registration', registrationRequestId, referenceMerchantId, referenceStoreId, status },
		key: id === undefined ? undefined : `registration:${id}:${status}`,
		fields: {
			registrationRequestId,
			referenceMerchantId,
			referenceStoreId,
			registrationStatus: nonBlankString(body.registrationResult?.registrationStatus),
			rejectReasons: nonBlankString(body.registrationResult?.rejectReasons),
			approvedBy: walletsWith('APPROVED'),
			rejectedBy: walletsWith('REJECTED'),
		},
	};
}
