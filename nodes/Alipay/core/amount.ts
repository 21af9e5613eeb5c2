import { CURRENCY_EXPONENTS } from './currencies';
import { AlipayValidationError } from './errors';
import type { Amount } from './types';

/**
 * Money conversions between what people type (`12.50 SGD`) and what Alipay wants
 * (`{"currency":"SGD","value":"1250"}`), in string arithmetic only: a float never touches an amount.
 */

export function normaliseCurrency(currency: unknown, field = 'currency'): string {
	const code = String(currency ?? '')
		.trim()
		.toUpperCase();
	if (!code) throw new AlipayValidationError(field, 'is required', 'Enter an ISO 4217 code such as SGD, USD or JPY.');
	if (!/^[A-Z]{3}$/.test(code) || CURRENCY_EXPONENTS[code] === undefined) {
		throw new AlipayValidationError(
			field,
			`"${String(currency).slice(0, 16)}" is not a known ISO 4217 currency code`,
			'Use a three-letter code such as SGD, USD, HKD, EUR or JPY.',
		);
	}
	return code;
}

/** Decimal places of the currency's minor unit (JPY 0, SGD 2, KWD 3). */
export function currencyExponent(currency: string): number {
	return CURRENCY_EXPONENTS[normaliseCurrency(currency)];
}

/**
 * The largest amount Alipay can hold in minor units. `value` is a string on the wire, but Alipay's
 * own Java SDK reads it with `Long.parseLong`, so anything above a signed 64-bit integer cannot be
 * a real amount there: refused here rather than sent and misread.
 */
export const MAX_MINOR_UNITS = '9223372036854775807';

/** A double holds every decimal of up to 15 significant digits exactly, and integers up to 2^53 - 1. */
const EXACT_SIGNIFICANT_DIGITS = 15;

/**
 * The decimal text of a number, refusing numbers that may already have been rounded: an
 * expression's `9007199254740993` arrives here as 9007199254740992, and nothing can tell.
 */
function numberToText(value: number, field: string): string {
	if (!Number.isFinite(value)) throw new AlipayValidationError(field, 'must be a number');
	const text = String(value);
	const asText = 'Pass the amount as text (a string such as "12.50"), which keeps every digit.';
	if (/e/i.test(text)) throw new AlipayValidationError(field, `${text} is out of range for a number`, asText);
	const significant = text.replace(/^-/, '').replace('.', '').replace(/^0+/, '').length;
	if (!Number.isSafeInteger(value) && significant > EXACT_SIGNIFICANT_DIGITS) {
		throw new AlipayValidationError(
			field,
			`${text} has more digits than a number holds exactly, so it may already be rounded`,
			asText,
		);
	}
	return text;
}

/** True when whole minor units (digits, no leading zeros) do not fit Alipay's 64-bit amount. */
export function exceedsMaxMinorUnits(minor: string): boolean {
	return minor.length > MAX_MINOR_UNITS.length || (minor.length === MAX_MINOR_UNITS.length && minor > MAX_MINOR_UNITS);
}

export const TOO_LARGE_REASON = `is above ${MAX_MINOR_UNITS} minor units, the most Alipay's amount (a signed 64-bit integer) can hold`;

function checkMaximum(minor: string, field: string): string {
	if (exceedsMaxMinorUnits(minor)) {
		throw new AlipayValidationError(
			field,
			TOO_LARGE_REASON,
			'Check the amount: it is far beyond any real payment.',
		);
	}
	return minor;
}

/** `"12.50"` SGD → `"1250"`; `"1200"` JPY → `"1200"`; `"1.234"` KWD → `"1234"`. */
export function toMinorUnits(major: string | number, currency: string, field = 'amount'): string {
	const code = normaliseCurrency(currency, `${field}.currency`);
	const exponent = CURRENCY_EXPONENTS[code];
	const text = typeof major === 'number' ? numberToText(major, field) : String(major ?? '').trim();
	if (text === '') throw new AlipayValidationError(field, 'is required', `Enter an amount such as ${example(code)}.`);
	if (/^-/.test(text)) throw new AlipayValidationError(field, `must be positive, got ${text}`);
	if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text) || /^\d+,\d+$/.test(text)) {
		throw new AlipayValidationError(
			field,
			`"${text}" uses a comma`,
			`Use a dot for decimals and no thousands separators, e.g. ${example(code)}.`,
		);
	}
	const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
	if (!match) {
		throw new AlipayValidationError(field, `"${text.slice(0, 32)}" is not an amount`, `Enter a number such as ${example(code)}.`);
	}
	const [, whole, fraction = ''] = match;
	// Trailing zeros beyond the exponent are harmless ("100.00" JPY is 100 yen).
	const significant = fraction.replace(/0+$/, '');
	if (significant.length > exponent) {
		throw new AlipayValidationError(
			field,
			`${text} has ${decimalPlaces(fraction.length)} but ${code} allows ${exponent}`,
			exponent === 0 ? `${code} has no minor unit: enter a whole number.` : `Round to ${decimalPlaces(exponent)}.`,
		);
	}
	const minor = (whole + significant.padEnd(exponent, '0')).replace(/^0+(?=\d)/, '');
	if (/^0+$/.test(minor)) throw new AlipayValidationError(field, 'must be greater than zero');
	return checkMaximum(minor, field);
}

function decimalPlaces(count: number): string {
	return `${count} decimal place${count === 1 ? '' : 's'}`;
}

/** Checks an amount already in minor units: a positive integer string. Returns it normalised. */
export function parseMinorUnits(value: string | number, currency: string, field = 'amount.value'): string {
	normaliseCurrency(currency, field.replace(/\.value$/, '.currency'));
	const text = typeof value === 'number' ? numberToText(value, field) : String(value ?? '').trim();
	if (!/^\d+$/.test(text)) {
		throw new AlipayValidationError(
			field,
			`"${text.slice(0, 32)}" is not a whole number of minor units`,
			`Minor units are integers: 12.50 ${currency} is 1250.`,
		);
	}
	const minor = text.replace(/^0+(?=\d)/, '');
	if (minor === '0') throw new AlipayValidationError(field, 'must be greater than zero');
	return checkMaximum(minor, field);
}

/** `"1250"` SGD → `"12.50"`; `"5"` JPY → `"5"`. Accepts zero (refund totals can be zero). */
export function toMajorUnits(minor: string | number, currency: string, field = 'amount.value'): string {
	const code = normaliseCurrency(currency, field.replace(/\.value$/, '.currency'));
	const exponent = CURRENCY_EXPONENTS[code];
	const text = typeof minor === 'number' ? numberToText(minor, field) : String(minor ?? '').trim();
	if (!/^\d+$/.test(text)) throw new AlipayValidationError(field, `"${text.slice(0, 32)}" is not a whole number`);
	if (exponent === 0) return text.replace(/^0+(?=\d)/, '');
	const padded = text.padStart(exponent + 1, '0');
	const whole = padded.slice(0, -exponent).replace(/^0+(?=\d)/, '');
	return `${whole}.${padded.slice(-exponent)}`;
}

/** An Alipay Amount from major units. */
export function toAmount(major: string | number, currency: string, field = 'amount'): Amount {
	const code = normaliseCurrency(currency, `${field}.currency`);
	return { currency: code, value: toMinorUnits(major, code, field) };
}

function example(code: string): string {
	const exponent = CURRENCY_EXPONENTS[code] ?? 2;
	return exponent === 0 ? `1200 ${code}` : `12.${'50'.padEnd(exponent, '0')} ${code}`;
}
