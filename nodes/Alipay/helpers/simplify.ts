import type { IDataObject } from 'n8n-workflow';
import { toMajorUnits, type Amount, type CodeDetail } from '../core';

/** Simplified output: flat fields, each amount both in major units (for people) and minor units (as Alipay stores it). */

/** Major units of an amount Alipay sent, or undefined when its currency or value cannot be converted. */
export function majorUnitsOf(amount: Amount): string | undefined {
	try {
		return toMajorUnits(amount.value, amount.currency);
	} catch {
		// An unknown currency from Alipay is reported as received (minor units) rather than failing the item.
		return undefined;
	}
}

export function amountView(amount: Amount | undefined, prefix = ''): IDataObject {
	if (!amount?.currency || amount.value === undefined) return {};
	const key = (name: string) => (prefix ? prefix + name[0].toUpperCase() + name.slice(1) : name);
	// Currency codes are upper case however they were typed or echoed back.
	const currency = String(amount.currency).toUpperCase();
	return {
		[key('amount')]: majorUnitsOf({ currency, value: amount.value }),
		[key('amountMinor')]: String(amount.value),
		[key('currency')]: currency,
	};
}

/** Spec §3.1: render the TEXT entry; otherwise the first QR code entry; otherwise the first entry. */
export function pickCodeDetail(details: CodeDetail[] | undefined): CodeDetail | undefined {
	if (!details?.length) return undefined;
	return (
		details.find((d) => d.displayType === 'TEXT') ??
		details.find((d) => (d.codeValueType ?? 'QRCODE') === 'QRCODE') ??
		details[0]
	);
}

const IMAGE_PREFERENCE = ['MIDDLEIMAGE', 'IMAGE', 'BIGIMAGE', 'SMALLIMAGE'];

/** An image the gateway rendered for the code, if it sent one as a URL. */
export function pickImageUrl(details: CodeDetail[] | undefined): string | undefined {
	for (const type of IMAGE_PREFERENCE) {
		const found = details?.find((d) => d.displayType === type && /^https?:\/\//i.test(d.codeValue));
		if (found) return found.codeValue;
	}
	return undefined;
}

/** Removes undefined values so simplified items stay tidy. */
export function defined(object: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}
