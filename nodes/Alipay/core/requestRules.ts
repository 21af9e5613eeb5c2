import type { EndpointName } from './endpoints';

/**
 * What each request must carry, from Alipay's API pages, as data; validation.ts applies it. The
 * node checks its requests with it before sending, so bad input fails naming the field and nothing
 * is sent. (The simulator judges requests with its own contract, simulator/contract, written
 * independently.)
 */

export type FieldKind = 'string' | 'amount' | 'object' | 'array' | 'datetime' | 'url';

export interface FieldRule {
	/** Dotted wire path: `order.merchant.store.storeMCC`. */
	path: string;
	kind?: FieldKind;
	required?: boolean;
	maxLength?: number;
	/** Exact allowed values (for arrays: of each element). */
	oneOf?: readonly string[];
	pattern?: RegExp;
	/** Said after the field name when the pattern fails. */
	patternReason?: string;
}

export interface RequestRules {
	fields: readonly FieldRule[];
	/** Groups where at least one field must be present. */
	anyOf?: ReadonlyArray<readonly string[]>;
	/** Conditional requirements, checked after the field rules. */
	check?: (body: Record<string, unknown>) => Violation | undefined;
}

export interface Violation {
	field: string;
	reason: string;
}

/** Letters, digits, `_` and `-`: "special characters are not supported" in request IDs, say Alipay's API pages. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const MCC_PATTERN = /^\d{4}$/;

const requestId = (path: string): FieldRule => ({
	path,
	required: true,
	maxLength: 64,
	pattern: REQUEST_ID_PATTERN,
	patternReason: 'may only contain letters, digits, "_" and "-"',
});
const mcc = (path: string, required = true): FieldRule => ({
	path,
	required,
	pattern: MCC_PATTERN,
	patternReason: 'must be a 4-digit merchant category code such as 5812',
});
const id64 = (path: string, required = false): FieldRule => ({ path, required, maxLength: 64 });
/** Alipay's Address block: a 2-letter region and the lengths its API reference gives. */
const address = (path: string): FieldRule[] => [
	{ path, kind: 'object' },
	{ path: `${path}.region`, pattern: /^[A-Z]{2}$/, patternReason: 'must be a 2-letter region code such as SG' },
	{ path: `${path}.state`, maxLength: 8 },
	{ path: `${path}.city`, maxLength: 32 },
	{ path: `${path}.address1`, maxLength: 256 },
	{ path: `${path}.address2`, maxLength: 256 },
	{ path: `${path}.zipCode`, maxLength: 32 },
];

export const REQUEST_RULES: Readonly<Record<EndpointName, RequestRules>> = {
	pay: {
		fields: [
			{ path: 'productCode', required: true, oneOf: ['IN_STORE_PAYMENT'] },
			requestId('paymentRequestId'),
			{ path: 'order', kind: 'object', required: true },
			id64('order.referenceOrderId'),
			{ path: 'order.orderDescription', required: true, maxLength: 256 },
			{ path: 'order.orderAmount', kind: 'amount', required: true },
			{ path: 'order.merchant', kind: 'object', required: true },
			id64('order.merchant.referenceMerchantId', true),
			mcc('order.merchant.merchantMCC'),
			{ path: 'order.merchant.merchantName', required: true, maxLength: 256 },
			...address('order.merchant.merchantAddress'),
			{ path: 'order.merchant.store', kind: 'object', required: true },
			id64('order.merchant.store.referenceStoreId', true),
			{ path: 'order.merchant.store.storeName', required: true, maxLength: 256 },
			mcc('order.merchant.store.storeMCC'),
			...address('order.merchant.store.storeAddress'),
			{ path: 'order.goods', kind: 'array' },
			{ path: 'order.env', kind: 'object' },
			{ path: 'order.env.storeTerminalRequestTime', kind: 'datetime' },
			{ path: 'paymentAmount', kind: 'amount', required: true },
			{ path: 'paymentMethod', kind: 'object', required: true },
			{ path: 'paymentMethod.paymentMethodType', required: true, maxLength: 64 },
			{ path: 'paymentFactor', kind: 'object', required: true },
			{ path: 'paymentFactor.inStorePaymentScenario', required: true, oneOf: ['OrderCode'] },
			{ path: 'paymentNotifyUrl', kind: 'url', required: true, maxLength: 2048 },
			{ path: 'paymentExpiryTime', kind: 'datetime' },
			{ path: 'paymentRedirectUrl', kind: 'url', maxLength: 2048 },
			{ path: 'settlementStrategy', kind: 'object' },
			{ path: 'settlementStrategy.settlementCurrency', pattern: /^[A-Z]{3}$/, patternReason: 'must be a 3-letter currency code' },
			{ path: 'merchantRegion', pattern: /^[A-Z]{2}$/, patternReason: 'must be a 2-letter region code such as SG' },
		],
	},
	inquiryPayment: {
		fields: [id64('paymentRequestId'), id64('paymentId')],
		anyOf: [['paymentRequestId', 'paymentId']],
	},
	cancel: {
		fields: [id64('paymentRequestId'), id64('paymentId')],
		anyOf: [['paymentRequestId', 'paymentId']],
	},
	refund: {
		fields: [
			requestId('refundRequestId'),
			id64('paymentId', true),
			{ path: 'refundAmount', kind: 'amount', required: true },
			id64('referenceRefundId'),
			{ path: 'refundReason', maxLength: 256 },
		],
	},
	inquiryRefund: {
		fields: [id64('refundRequestId'), id64('refundId')],
		anyOf: [['refundRequestId', 'refundId']],
	},
	registration: {
		fields: [
			requestId('registrationRequestId'),
			{ path: 'registrationNotifyURL', kind: 'url', maxLength: 2048 },
			{ path: 'passThroughInfo', maxLength: 2048 },
			{ path: 'merchantInfo', kind: 'object', required: true },
			id64('merchantInfo.referenceMerchantId', true),
			{ path: 'merchantInfo.merchantDisplayName', required: true },
			mcc('merchantInfo.merchantMCC'),
			...address('merchantInfo.merchantAddress'),
			// Every official sample carries these; Alipay answers PARAM_ILLEGAL without them.
			{ path: 'merchantInfo.registrationDetail', kind: 'object', required: true },
			{ path: 'merchantInfo.registrationDetail.legalName', required: true },
			{ path: 'merchantInfo.registrationDetail.registrationType', required: true },
			{ path: 'merchantInfo.registrationDetail.registrationNo', required: true },
			{ path: 'merchantInfo.registrationDetail.registrationAddress', kind: 'object', required: true },
			{ path: 'merchantInfo.registrationDetail.registrationAddress.region', required: true },
			...address('merchantInfo.registrationDetail.registrationAddress'),
			{ path: 'merchantInfo.registrationDetail.registrationEffectiveDate', kind: 'datetime' },
			{ path: 'merchantInfo.registrationDetail.registrationExpireDate', kind: 'datetime' },
			{
				path: 'productCodes',
				kind: 'array',
				required: true,
				oneOf: ['IN_STORE_PAYMENT', 'CASHIER_PAYMENT', 'AGREEMENT_PAYMENT'],
			},
			{ path: 'storeInfo', kind: 'object' },
			{ path: 'storeInfo.referenceStoreId', maxLength: 32 },
			mcc('storeInfo.storeMCC', false),
			...address('storeInfo.storeAddress'),
		],
		check: (body) => {
			const codes = body.productCodes;
			const store = body.storeInfo as Record<string, unknown> | undefined;
			if (Array.isArray(codes) && codes.includes('IN_STORE_PAYMENT')) {
				if (!store) return { field: 'storeInfo', reason: 'is required when productCodes includes IN_STORE_PAYMENT' };
				if (isEmpty(store.referenceStoreId)) {
					return { field: 'storeInfo.referenceStoreId', reason: 'is required when productCodes includes IN_STORE_PAYMENT' };
				}
			}
			return undefined;
		},
	},
	inquiryRegistrationStatus: {
		fields: [id64('referenceMerchantId'), id64('registrationRequestId'), { path: 'referenceStoreId', maxLength: 32 }],
		// All three are optional in Alipay's docs: any one of them finds a registration.
		anyOf: [['registrationRequestId', 'referenceMerchantId', 'referenceStoreId']],
	},
	inquiryRegistrationInfo: {
		fields: [id64('referenceMerchantId', true), { path: 'referenceStoreId', maxLength: 32 }],
	},
};

/** Absent for validation: undefined, null or the empty string. */
export function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}
