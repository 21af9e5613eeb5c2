import { APIS, NOTIFICATIONS } from './apis';
import { isIsoDateTime } from './datetime';
import type { ApiName, CrossRule, FieldRule, NotificationName, StringFormat } from './schema';

export interface Violation {
	/** Dotted wire path, with indexes for array elements: `merchantInfo.websites[0].name`. */
	field: string;
	reason: string;
}

export interface ContractOptions {
	/**
	 * Refuse numbers and booleans where the contract says String, and fields the API does not define
	 * at the top level. Off: a number is read as its text, as the SDK samples that send numbers expect.
	 */
	strict?: boolean;
}

/** `reason` may read the object the field sits in: an amount's value names its currency. */
const FORMATS: Record<StringFormat, { test: (value: string) => boolean; reason: string | ((parent: Record<string, unknown>) => string) }> = {
	requestId: { test: (v) => /^[A-Za-z0-9_-]+$/.test(v), reason: 'may only contain letters, digits, "_" and "-"' },
	datetime: { test: isIsoDateTime, reason: 'must be an ISO-8601 date-time with offset, e.g. 2026-11-29T12:05:00+08:00' },
	// The message-encoding page asks for URL-encoded URLs while every SDK sends them plain: both pass.
	url: { test: (v) => /^https?(:\/\/|%3A%2F%2F)[^\s/%]+/i.test(v), reason: 'must be an absolute http(s) URL' },
	minorUnits: {
		test: (v) => /^\d+$/.test(v) && !/^0+$/.test(v),
		reason: (amount) =>
			`must be a positive integer string in ${typeof amount.currency === 'string' ? amount.currency : 'the currency\'s'} minor units (its smallest unit), e.g. "1250"`,
	},
	currency: { test: (v) => /^[A-Z]{3}$/.test(v), reason: 'must be a 3-letter ISO 4217 currency code such as SGD' },
	mcc: { test: (v) => /^\d{4}$/.test(v), reason: 'must be a 4-digit merchant category code such as 5812' },
	region: { test: (v) => /^[A-Z]{2}$/.test(v), reason: 'must be a 2-letter ISO 3166 region code such as SG' },
};

function isEmpty(value: unknown): boolean {
	return value === undefined || value === null || value === '';
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function join(parent: string, key: string): string {
	return parent ? `${parent}.${key}` : key;
}

function checkValue(
	rule: FieldRule,
	value: unknown,
	path: string,
	options: ContractOptions,
	out: Violation[],
	parent: Record<string, unknown> = {},
): void {
	if (rule.type === 'object') {
		if (!isObject(value)) {
			out.push({ field: path, reason: 'must be an object' });
			return;
		}
		checkFields(rule.fields ?? {}, value, path, options, out);
		return;
	}
	if (rule.type === 'array') {
		if (!Array.isArray(value)) {
			out.push({ field: path, reason: 'must be an array' });
			return;
		}
		if (rule.maxItems !== undefined && value.length > rule.maxItems) {
			out.push({ field: path, reason: `must have at most ${rule.maxItems} elements (got ${value.length})` });
		}
		value.forEach((item, i) => {
			if (rule.items) checkValue(rule.items, item, `${path}[${i}]`, options, out);
		});
		return;
	}
	let text: string;
	if (typeof value === 'string') text = value;
	else if ((typeof value === 'number' || typeof value === 'boolean') && !options.strict) text = String(value);
	else {
		out.push({ field: path, reason: `must be a string, got ${Array.isArray(value) ? 'an array' : `a ${typeof value}`}` });
		return;
	}
	if (rule.maxLength !== undefined && [...text].length > rule.maxLength) {
		out.push({ field: path, reason: `must be at most ${rule.maxLength} characters (got ${[...text].length})` });
		return;
	}
	if (rule.values && !rule.values.includes(text)) {
		out.push({ field: path, reason: `must be one of ${rule.values.map((v) => `"${v}"`).join(', ')} (got "${text.slice(0, 64)}")` });
		return;
	}
	const format = rule.format && FORMATS[rule.format];
	if (format && !format.test(text)) {
		out.push({ field: path, reason: typeof format.reason === 'string' ? format.reason : format.reason(parent) });
	}
}

function checkFields(
	fields: Readonly<Record<string, FieldRule>>,
	body: Record<string, unknown>,
	parent: string,
	options: ContractOptions,
	out: Violation[],
): void {
	for (const [key, rule] of Object.entries(fields)) {
		const value = body[key];
		const path = join(parent, key);
		if (isEmpty(value)) {
			if (rule.required) out.push({ field: path, reason: 'is required' });
			continue;
		}
		checkValue(rule, value, path, options, out, body);
	}
}

function checkCrossRule(rule: CrossRule, body: Record<string, unknown>, out: Violation[]): void {
	if (rule.kind === 'anyOf') {
		if (rule.fields.every((f) => isEmpty(body[f]))) {
			out.push({ field: rule.fields.join(' or '), reason: 'is required: give at least one' });
		}
		return;
	}
	const list = body[rule.when];
	if (Array.isArray(list) && list.includes(rule.includes) && isEmpty(body[rule.field])) {
		out.push({ field: rule.field, reason: `is required when ${rule.when} includes ${rule.includes}` });
	}
}

function validateAgainst(
	fields: Readonly<Record<string, FieldRule>>,
	crossRules: readonly CrossRule[],
	body: unknown,
	options: ContractOptions,
): Violation[] {
	if (!isObject(body)) return [{ field: 'body', reason: 'must be a JSON object' }];
	const out: Violation[] = [];
	if (options.strict) {
		for (const key of Object.keys(body)) {
			if (!(key in fields)) out.push({ field: key, reason: 'is not a field of this API' });
		}
	}
	checkFields(fields, body, '', options, out);
	for (const rule of crossRules) checkCrossRule(rule, body, out);
	return out;
}

/** Every way `body` breaks the API's request contract, in field order; empty when Alipay accepts it. */
export function validateRequest(api: ApiName, body: unknown, options: ContractOptions = {}): Violation[] {
	const contract = APIS[api];
	return validateAgainst(contract.request, contract.requestRules ?? [], body, options);
}

/** The same for an answer the gateway gives (used to hold the simulator to its own contract). */
export function validateResponse(api: ApiName, body: unknown): Violation[] {
	return validateAgainst(APIS[api].response, [], body, { strict: true });
}

/** The same for a notification body. */
export function validateNotification(name: NotificationName, body: unknown): Violation[] {
	return validateAgainst(NOTIFICATIONS[name].body, [], body, { strict: true });
}
