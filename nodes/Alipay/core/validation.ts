import { exceedsMaxMinorUnits, TOO_LARGE_REASON } from './amount';
import { CURRENCY_EXPONENTS } from './currencies';
import type { EndpointName } from './endpoints';
import { AlipayValidationError } from './errors';
import { isIsoDateTime } from './time';

/**
 * What each request must carry, from Alipay's API pages, as data. The node checks its requests
 * with it before sending, so bad input fails naming the field and nothing is sent. (The simulator
 * judges requests with its own contract, simulator/contract, written independently.)
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
	/** Top-level fields the API defines; strict mode refuses others. */
	known: readonly string[];
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
		known: [
			'productCode',
			'paymentRequestId',
			'order',
			'paymentAmount',
			'paymentMethod',
			'paymentFactor',
			'paymentNotifyUrl',
			'paymentExpiryTime',
			'paymentRedirectUrl',
			'settlementStrategy',
			'merchantRegion',
		],
	},
	inquiryPayment: {
		fields: [id64('paymentRequestId'), id64('paymentId')],
		anyOf: [['paymentRequestId', 'paymentId']],
		known: ['paymentRequestId', 'paymentId'],
	},
	cancel: {
		fields: [id64('paymentRequestId'), id64('paymentId')],
		anyOf: [['paymentRequestId', 'paymentId']],
		known: ['paymentRequestId', 'paymentId'],
	},
	refund: {
		fields: [
			requestId('refundRequestId'),
			id64('paymentId', true),
			{ path: 'refundAmount', kind: 'amount', required: true },
			id64('referenceRefundId'),
			{ path: 'refundReason', maxLength: 256 },
		],
		known: ['refundRequestId', 'paymentId', 'refundAmount', 'referenceRefundId', 'refundReason'],
	},
	inquiryRefund: {
		fields: [id64('refundRequestId'), id64('refundId')],
		anyOf: [['refundRequestId', 'refundId']],
		known: ['refundRequestId', 'refundId'],
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
		known: [
			'registrationRequestId',
			'registrationNotifyURL',
			'passThroughInfo',
			'merchantInfo',
			'productCodes',
			'storeInfo',
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
		known: ['referenceMerchantId', 'registrationRequestId', 'referenceStoreId'],
	},
	inquiryRegistrationInfo: {
		fields: [id64('referenceMerchantId', true), { path: 'referenceStoreId', maxLength: 32 }],
		known: ['referenceMerchantId', 'referenceStoreId'],
	},
};

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

function valueAt(body: unknown, path: string): unknown {
	let current: unknown = body;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

function parentPresent(body: unknown, path: string): boolean {
	const dot = path.lastIndexOf('.');
	if (dot < 0) return true;
	const parent = valueAt(body, path.slice(0, dot));
	return parent !== undefined && parent !== null;
}

function checkAmount(path: string, value: unknown): Violation | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return { field: path, reason: 'must be an object with currency and value' };
	}
	const { currency, value: minor } = value as Record<string, unknown>;
	if (typeof currency !== 'string' || CURRENCY_EXPONENTS[currency] === undefined) {
		return { field: `${path}.currency`, reason: 'must be an ISO 4217 currency code such as SGD' };
	}
	if (typeof minor !== 'string' || !/^\d+$/.test(minor)) {
		return {
			field: `${path}.value`,
			reason: `must be an integer string in ${currency} minor units (${CURRENCY_EXPONENTS[currency]} decimals), e.g. "1250"`,
		};
	}
	if (/^0+$/.test(minor)) return { field: `${path}.value`, reason: 'must be greater than zero' };
	if (exceedsMaxMinorUnits(minor.replace(/^0+/, ''))) return { field: `${path}.value`, reason: TOO_LARGE_REASON };
	return undefined;
}

function checkRule(rule: FieldRule, value: unknown): Violation | undefined {
	const { path } = rule;
	switch (rule.kind) {
		case 'amount':
			return checkAmount(path, value);
		case 'object':
			return typeof value === 'object' && value !== null && !Array.isArray(value)
				? undefined
				: { field: path, reason: 'must be an object' };
		case 'array':
			if (!Array.isArray(value)) return { field: path, reason: 'must be an array' };
			if (rule.oneOf) {
				const bad = value.find((v) => !rule.oneOf!.includes(String(v)));
				if (bad !== undefined) return { field: path, reason: `contains "${String(bad)}"; allowed: ${rule.oneOf.join(', ')}` };
			}
			return undefined;
		default:
			break;
	}
	if (typeof value !== 'string') return { field: path, reason: 'must be a string' };
	if (rule.maxLength !== undefined && value.length > rule.maxLength) {
		return { field: path, reason: `must be at most ${rule.maxLength} characters (got ${value.length})` };
	}
	if (rule.oneOf && !rule.oneOf.includes(value)) {
		return { field: path, reason: `must be ${rule.oneOf.map((v) => `"${v}"`).join(' or ')}` };
	}
	if (rule.pattern && !rule.pattern.test(value)) return { field: path, reason: rule.patternReason ?? 'has an illegal format' };
	if (rule.kind === 'datetime' && !isIsoDateTime(value)) {
		return { field: path, reason: 'must be an ISO-8601 date-time with offset, e.g. 2026-11-29T12:05:00+08:00' };
	}
	// SDKs send notify URLs plain; the message-encoding page says URL-encoded: accept both.
	if (rule.kind === 'url' && !/^https?(:\/\/|%3A%2F%2F)[^\s/%]+/i.test(value)) {
		return { field: path, reason: 'must be an absolute http(s) URL' };
	}
	return undefined;
}

/** Scalars Alipay wants as strings but got as numbers or booleans (strict mode), anywhere in the body. */
function findNonStringScalar(value: unknown, path: string): Violation | undefined {
	if (typeof value === 'number' || typeof value === 'boolean') {
		return { field: path, reason: `must be a string, got a ${typeof value}` };
	}
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) {
			const found = findNonStringScalar(value[i], `${path}[${i}]`);
			if (found) return found;
		}
	} else if (value && typeof value === 'object') {
		for (const [key, child] of Object.entries(value)) {
			const found = findNonStringScalar(child, path ? `${path}.${key}` : key);
			if (found) return found;
		}
	}
	return undefined;
}

export interface ValidateOptions {
	/** Refuse unknown top-level fields and number- or boolean-typed scalars (Alipay wants strings; its gateway may coerce them). */
	strict?: boolean;
}

/** Every violation in the request, in rule order. An empty list means the request is valid. */
export function validateRequest(endpoint: EndpointName, body: unknown, options: ValidateOptions = {}): Violation[] {
	const rules = REQUEST_RULES[endpoint];
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return [{ field: 'body', reason: 'must be a JSON object' }];
	}
	const violations: Violation[] = [];
	if (options.strict) {
		const unknown = Object.keys(body).find((key) => !rules.known.includes(key));
		if (unknown) violations.push({ field: unknown, reason: 'is not a field of this API' });
		const scalar = findNonStringScalar(body, '');
		if (scalar) violations.push(scalar);
	}
	for (const rule of rules.fields) {
		const value = valueAt(body, rule.path);
		if (isEmpty(value)) {
			if (rule.required && parentPresent(body, rule.path)) violations.push({ field: rule.path, reason: 'is required' });
			continue;
		}
		if (!options.strict && typeof value === 'number' && rule.kind === undefined) {
			// Lenient like the live gateway seems to be: a number where a string belongs is read as its text.
			const coerced = checkRule(rule, String(value));
			if (coerced) violations.push(coerced);
			continue;
		}
		const violation = checkRule(rule, value);
		if (violation) violations.push(violation);
	}
	for (const group of rules.anyOf ?? []) {
		if (group.every((path) => isEmpty(valueAt(body, path)))) {
			violations.push({ field: group.join(' or '), reason: 'is required: give at least one' });
		}
	}
	const extra = rules.check?.(body as Record<string, unknown>);
	if (extra) violations.push(extra);
	// One violation per field: strict mode's scalar check and the field rule may both see it.
	return violations.filter((v, i) => violations.findIndex((w) => w.field === v.field) === i);
}

/** Throws the first violation as an AlipayValidationError naming the wire field. */
export function assertValidRequest(endpoint: EndpointName, body: unknown, options: ValidateOptions = {}): void {
	const [first] = validateRequest(endpoint, body, options);
	if (first) throw new AlipayValidationError(first.field, first.reason);
}
