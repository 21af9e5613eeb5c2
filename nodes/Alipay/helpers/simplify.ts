import type { IDataObject } from 'n8n-workflow';
import { toMajorUnits, type Amount, type CodeDetail, type InquiryPaymentResponse } from '../core';

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

/**
 * An amount as the three output fields the action node and the trigger share (`amount`,
 * `amountMinor`, `currency`, prefixed as asked). An amount missing its currency or value, or
 * holding something other than text or a number there, gives no fields.
 */
export function amountView(amount: Partial<Amount> | undefined, prefix = ''): IDataObject {
	// Currency codes are upper case however they were typed or echoed back.
	const currency = amountPart(amount?.currency)?.toUpperCase();
	const value = amountPart(amount?.value);
	if (!currency || !value) return {};
	const key = (name: string) => (prefix ? prefix + name[0].toUpperCase() + name.slice(1) : name);
	return {
		[key('amount')]: majorUnitsOf({ currency, value }),
		[key('amountMinor')]: value,
		[key('currency')]: currency,
	};
}

function amountPart(part: unknown): string | undefined {
	if (typeof part !== 'string' && typeof part !== 'number') return undefined;
	const text = String(part).trim();
	return text === '' ? undefined : text;
}

/** A link to an image file: some answers list rendered images beside the code, and those are not the code. */
const IMAGE_FILE_URL = /^https?:\/\/[^?#]*\.(png|jpe?g|gif|svg|webp|bmp)([?#]|$)/i;

/**
 * The entry whose codeValue is the code to show as a QR code. Alipay's documented answer has one
 * SMALLIMAGE entry holding a https://qr.alipay.com/... link; older ones have a TEXT entry, maybe
 * beside image URLs. So: a QR code entry, TEXT first, that is not an image file; else any TEXT.
 */
export function pickCodeDetail(details: CodeDetail[] | undefined): CodeDetail | undefined {
	const candidates = (details ?? []).filter((d) => typeof d.codeValue === 'string' && d.codeValue !== '');
	const codes = candidates.filter((d) => (d.codeValueType ?? 'QRCODE') === 'QRCODE' && !IMAGE_FILE_URL.test(d.codeValue));
	return (
		codes.find((d) => d.displayType === 'TEXT') ?? codes[0] ?? candidates.find((d) => d.displayType === 'TEXT')
	);
}

/** A payment as Get Payment outputs it (Wait for Result builds on it). */
export function simplifyPaymentStatus(response: InquiryPaymentResponse | undefined): IDataObject {
	if (!response) return {};
	const refunds = (response.transactions ?? []).filter((t) => t.transactionType === 'REFUND');
	return withoutUndefined({
		paymentStatus: response.paymentStatus,
		paid: response.paymentStatus === 'SUCCESS',
		paymentId: response.paymentId,
		paymentRequestId: response.paymentRequestId,
		...amountView(response.paymentAmount),
		...amountView(response.actualPaymentAmount, 'actual'),
		paymentResultCode: response.paymentResultCode,
		paymentResultMessage: response.paymentResultMessage,
		paymentCreateTime: response.paymentCreateTime,
		paymentTime: response.paymentTime,
		wallet: response.pspCustomerInfo?.pspName,
		customer: response.pspCustomerInfo?.displayCustomerId,
		refundCount: refunds.length || undefined,
	});
}

/** Removes undefined values so simplified items stay tidy. */
export function withoutUndefined(object: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}
