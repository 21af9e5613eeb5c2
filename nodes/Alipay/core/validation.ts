import { exceedsMaxMinorUnits, TOO_LARGE_REASON } from './amount';
import { CURRENCY_EXPONENTS } from './currencies';
import type { EndpointName } from './endpoints';
import { AlipayValidationError } from './errors';
import { isEmpty, REQUEST_RULES, type FieldRule, type Violation } from './requestRules';
import { isIsoDateTime } from './time';

/**
 * Checks a request against its rules (requestRules.ts) before anything is sent, so bad input fails
 * naming the wire field. A number where a string belongs is read as its text, as the live gateway
 * seems to; amounts must already be integer strings in minor units.
 */

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

/** Every violation in the request, in rule order. An empty list means the request is valid. */
export function validateRequest(endpoint: EndpointName, body: unknown): Violation[] {
	const rules = REQUEST_RULES[endpoint];
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		return [{ field: 'body', reason: 'must be a JSON object' }];
	}
	const violations: Violation[] = [];
	for (const rule of rules.fields) {
		const value = valueAt(body, rule.path);
		if (isEmpty(value)) {
			if (rule.required && parentPresent(body, rule.path)) violations.push({ field: rule.path, reason: 'is required' });
			continue;
		}
		if (typeof value === 'number' && rule.kind === undefined) {
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
	// One violation per field: a field can have two rules (a required address that is also an address block).
	return violations.filter((v, i) => violations.findIndex((w) => w.field === v.field) === i);
}

/** Throws the first violation as an AlipayValidationError naming the wire field. */
export function assertValidRequest(endpoint: EndpointName, body: unknown): void {
	const [first] = validateRequest(endpoint, body);
	if (first) throw new AlipayValidationError(first.field, first.reason);
}
