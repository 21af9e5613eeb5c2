import type { RegistrationBody, RegistrationQuery } from '../contract/wire';
import type { SimContext } from '../context';
import { registrationResult, scheduleReview } from '../registrations';
import type { RegistrationRecord } from '../store';
import { failure, success, type ResponseBody } from './results';
import type { GatewayCall } from './types';

/** registration: accepted as PENDING; one review at a time per merchant. */
export function registration(ctx: SimContext, call: GatewayCall): ResponseBody {
	const body = call.body as unknown as RegistrationBody;
	const referenceMerchantId = body.merchantInfo.referenceMerchantId;
	const referenceStoreId = body.storeInfo?.referenceStoreId;
	const fingerprint = JSON.stringify([referenceMerchantId, referenceStoreId ?? null, [...body.productCodes].sort()]);
	const existing = ctx.store.findRegistration(call.clientId, body.registrationRequestId);
	if (existing) return existing.fingerprint === fingerprint ? (existing.response as ResponseBody) : failure('REPEAT_REQ_INCONSISTENT');

	const earlier = ctx.store.registrationsOf(call.clientId, referenceMerchantId, referenceStoreId);
	if (earlier.some((r) => r.status === 'PENDING')) return failure('REGISTRATION_UNDER_REVIEW');
	if (earlier.some((r) => r.wallets.some((w) => w.status === 'APPROVED'))) return failure('REPEAT_REGISTRATION');

	const response = success(body.passThroughInfo !== undefined ? { passThroughInfo: body.passThroughInfo } : {});
	const record: RegistrationRecord = {
		clientId: call.clientId,
		sandbox: call.sandbox,
		registrationRequestId: body.registrationRequestId,
		fingerprint,
		referenceMerchantId,
		referenceStoreId,
		registrationNotifyUrl: body.registrationNotifyURL,
		request: call.body,
		status: 'PENDING',
		wallets: ctx.config.registrationWallets.map((pspName) => ({ pspName, status: 'PENDING' })),
		createdAt: ctx.clock.now(),
		response,
	};
	ctx.store.addRegistration(record);
	scheduleReview(ctx, record);
	ctx.store.save();
	ctx.log(`registration ${record.registrationRequestId} for merchant ${referenceMerchantId} → PENDING`);
	return response;
}

/**
 * inquiryRegistrationStatus: by request ID, else the newest for the merchant and/or store. All three
 * query fields are optional on the page, so a store ID alone finds its registration.
 */
export function inquiryRegistrationStatus(ctx: SimContext, call: GatewayCall): ResponseBody {
	const body = call.body as RegistrationQuery;
	let found: RegistrationRecord | undefined;
	if (body.registrationRequestId) {
		found = ctx.store.findRegistration(call.clientId, body.registrationRequestId);
		if (found && body.referenceMerchantId && found.referenceMerchantId !== body.referenceMerchantId) found = undefined;
	} else {
		found = ctx.store.registrationsOf(call.clientId, body.referenceMerchantId, body.referenceStoreId)[0];
	}
	if (!found) return failure('RECORD_NOT_FOUND');
	return success({ ...registrationResult(found) });
}

/**
 * inquiryRegistrationInfo: the latest registration some wallet approved. A merchant whose
 * registrations are all pending or rejected gets only the result (the page: "if no registration
 * succeeded, only result is returned"); RECORD_NOT_FOUND is for a merchant never registered.
 */
export function inquiryRegistrationInfo(ctx: SimContext, call: GatewayCall): ResponseBody {
	const body = call.body as unknown as RegistrationQuery;
	const registrations = ctx.store.registrationsOf(call.clientId, body.referenceMerchantId, body.referenceStoreId);
	if (registrations.length === 0) return failure('RECORD_NOT_FOUND');
	const approved = registrations.find((r) => r.status === 'COMPLETED' && r.wallets.some((w) => w.status === 'APPROVED'));
	if (!approved) return success();
	const request = approved.request as unknown as RegistrationBody;
	return success({
		merchantInfo: request.merchantInfo,
		...(request.storeInfo ? { storeInfo: request.storeInfo } : {}),
		productCodes: request.productCodes,
	});
}
