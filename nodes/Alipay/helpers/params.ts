import type { IDataObject } from 'n8n-workflow';
import {
	AlipayValidationError,
	normaliseCurrency,
	parseMinorUnits,
	toAmount,
	type Address,
	type Amount,
} from '../core';
import { DEFAULT_TIMEOUT_MS, type TransportOptions } from '../transport';
import type { NodeParameters } from './parameters';

/** Pure mappers from n8n parameter values to Alipay's wire shapes. */

export type AmountUnit = 'major' | 'minor';

/** `12.50` + `SGD` → `{currency:"SGD", value:"1250"}`; minor units are checked, not converted. */
export function toWireAmount(amount: unknown, currency: unknown, unit: AmountUnit, field: string): Amount {
	const code = normaliseCurrency(currency, `${field}.currency`);
	if (unit === 'minor')
		return {
			currency: code,
			value: parseMinorUnits(amount as string, code, `${field}.value`),
		};
	return toAmount(amount as string, code, field);
}

export function transportOptions(options: IDataObject): TransportOptions {
	const attempts = Math.max(1, Math.floor(Number(options.maxAttempts ?? 3)) || 1);
	const firstDelayMs = Math.max(0, Number(options.retryDelaySeconds ?? 1) * 1000);
	const delaysMs = Array.from({ length: Math.max(1, attempts - 1) }, (_, n) => firstDelayMs * 2 ** n);
	const timeoutSeconds = Number(options.timeoutSeconds ?? DEFAULT_TIMEOUT_MS / 1000);
	return {
		retry: { attempts, delaysMs },
		timeoutMs: Math.max(1, timeoutSeconds) * 1000,
	};
}

/**
 * The retry options, each read on its own: reading the whole Options collection would evaluate
 * Batching's expressions again for every item, though the router reads Batching once.
 */
export function readTransportOptions(parameters: NodeParameters, itemIndex: number): TransportOptions {
	const option = (name: string) => parameters.read<unknown>(`options.${name}`, itemIndex, null);
	return transportOptions({
		maxAttempts: option('maxAttempts'),
		retryDelaySeconds: option('retryDelaySeconds'),
		timeoutSeconds: option('timeoutSeconds'),
	} as IDataObject);
}

/** The JSON escape hatch: a JSON object as text (or already parsed by an expression). */
export function parseJsonObject(value: unknown, field: string): IDataObject {
	if (value === undefined || value === null || value === '') return {};
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			parsed = undefined;
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new AlipayValidationError(field, 'must be a JSON object such as {"order": {"goods": []}}');
	}
	return parsed as IDataObject;
}

/**
 * The request as the typed fields build it, empty values dropped, with the user's Additional Body
 * (JSON) merged over it last: the escape hatch for fields the node has no input for.
 */
export function withAdditionalBody<T>(typed: IDataObject, additionalFields: IDataObject): T {
	return mergeDeep(
		withoutEmptyFields(typed),
		parseJsonObject(additionalFields.additionalBodyJson, 'additionalBodyJson'),
	) as unknown as T;
}

/** Objects merge key by key; anything else in `source` replaces what `target` had. */
export function mergeDeep(target: IDataObject, source: IDataObject): IDataObject {
	const result: IDataObject = { ...target };
	for (const [key, value] of Object.entries(source)) {
		const current = result[key];
		result[key] =
			isPlainObject(current) && isPlainObject(value) ? mergeDeep(current as IDataObject, value as IDataObject) : value;
	}
	return result;
}

function isPlainObject(value: unknown): boolean {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Drops empty strings, undefined and empty objects: Alipay wants absent optional fields, never "". */
export function withoutEmptyFields<T>(value: T): T {
	if (Array.isArray(value)) return value.map((v) => withoutEmptyFields(v)) as T;
	if (!isPlainObject(value)) return value;
	const result: IDataObject = {};
	for (const [key, child] of Object.entries(value as IDataObject)) {
		const cleaned = withoutEmptyFields(child);
		if (cleaned === undefined || cleaned === '' || cleaned === null) continue;
		if (isPlainObject(cleaned) && Object.keys(cleaned as IDataObject).length === 0) continue;
		result[key] = cleaned;
	}
	return result as T;
}

/** A fixedCollection address (`{address: {...}}`) as Alipay's Address, or undefined when empty. */
export function toAddress(value: unknown): Address | undefined {
	const address = withoutEmptyFields(((value as IDataObject | undefined)?.address ?? {}) as IDataObject) as Address;
	return Object.keys(address).length ? address : undefined;
}

/** Any parameter value as trimmed text (a number from an expression too), or undefined when blank. */
export function text(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	const s = String(value).trim();
	return s === '' ? undefined : s;
}
