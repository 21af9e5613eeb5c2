import type { RegistrationNotification, RegistrationResult } from './contract/wire';
import type { SimContext } from './context';
import type { RegistrationRecord, WalletDecision } from './store';

/**
 * Merchant registration review: a registration is PENDING until every wallet
 * decided (by the control API or after a configured delay), then COMPLETED with per-wallet
 * APPROVED/REJECTED, and notifyRegistrationStatus goes to its registrationNotifyURL.
 */
export interface WalletVerdict {
	pspName: string;
	status: 'APPROVED' | 'REJECTED';
	rejectReasons?: string;
}

export type DecisionResult = { ok: true; registration: RegistrationRecord } | { ok: false; error: string };

/** Applies wallet verdicts; the registration completes once no wallet is PENDING. */
export function decideRegistration(ctx: SimContext, registration: RegistrationRecord, verdicts: WalletVerdict[]): DecisionResult {
	if (registration.status === 'COMPLETED') {
		return { ok: false, error: `registration ${registration.registrationRequestId} is already COMPLETED` };
	}
	const stranger = verdicts.find((v) => !registration.wallets.some((w) => w.pspName === v.pspName));
	if (stranger) return { ok: false, error: `no wallet ${stranger.pspName} reviews this registration` };
	for (const verdict of verdicts) {
		const wallet = registration.wallets.find((w) => w.pspName === verdict.pspName) as RegistrationRecord['wallets'][number];
		wallet.status = verdict.status;
		wallet.rejectReasons = verdict.status === 'REJECTED' ? verdict.rejectReasons ?? 'rejected by the simulator' : undefined;
	}
	if (registration.wallets.every((w) => w.status !== 'PENDING')) {
		registration.status = 'COMPLETED';
		registration.completedAt = ctx.clock.now();
		ctx.log(`registration ${registration.registrationRequestId} → COMPLETED`);
		if (registration.registrationNotifyUrl) {
			const { clientId, sandbox, registrationRequestId: subjectId } = registration;
			ctx.notifier.notify(
				{ kind: 'registration', clientId, sandbox: sandbox === true, subjectId },
				registration.registrationNotifyUrl,
				registrationNotification(registration),
			);
		}
	}
	ctx.store.save();
	return { ok: true, registration };
}

/** Verdicts for every still-pending wallet (or the named ones). */
export function verdictsFor(
	registration: RegistrationRecord,
	status: 'APPROVED' | 'REJECTED',
	wallets?: string[],
	rejectReasons?: string,
): WalletVerdict[] {
	const names = wallets ?? registration.wallets.filter((w) => w.status === 'PENDING').map((w) => w.pspName);
	return names.map((pspName) => ({ pspName, status, rejectReasons }));
}

/** Arms the automatic approval, when a review delay is configured. */
export function scheduleReview(ctx: SimContext, registration: RegistrationRecord): void {
	const seconds = ctx.config.registrationReviewSeconds;
	if (seconds === undefined || registration.status !== 'PENDING') return;
	ctx.clock.schedule(registration.createdAt + seconds * 1000, () => {
		if (registration.status === 'PENDING') decideRegistration(ctx, registration, verdictsFor(registration, 'APPROVED'));
	});
}

export function registrationResult(registration: RegistrationRecord): {
	registrationResult: RegistrationResult;
	pspRegistrationResultList: Array<{ pspName: string; registrationResult: RegistrationResult }>;
} {
	const rejected = registration.wallets.filter((w) => w.status === 'REJECTED');
	const allRejected = registration.status === 'COMPLETED' && rejected.length === registration.wallets.length;
	return {
		registrationResult: {
			registrationStatus: registration.status,
			...(allRejected ? { rejectReasons: rejected.map((w) => w.rejectReasons).join('; ') } : {}),
		},
		pspRegistrationResultList: registration.wallets.map((w) => ({
			pspName: w.pspName,
			registrationResult: {
				registrationStatus: w.status as WalletDecision,
				...(w.rejectReasons ? { rejectReasons: w.rejectReasons } : {}),
			},
		})),
	};
}

function registrationNotification(registration: RegistrationRecord): RegistrationNotification {
	return {
		registrationRequestId: registration.registrationRequestId,
		referenceMerchantId: registration.referenceMerchantId,
		...(registration.referenceStoreId ? { referenceStoreId: registration.referenceStoreId } : {}),
		...registrationResult(registration),
	};
}

/** True when some wallet approved a completed registration of this merchant (and store, when the registration named one). */
export function isMerchantApproved(ctx: SimContext, clientId: string, referenceMerchantId: string, referenceStoreId: string): boolean {
	return ctx.store
		.registrationsOf(clientId, referenceMerchantId)
		.some(
			(r) =>
				r.status === 'COMPLETED' &&
				r.wallets.some((w) => w.status === 'APPROVED') &&
				(r.referenceStoreId === undefined || r.referenceStoreId === referenceStoreId),
		);
}
