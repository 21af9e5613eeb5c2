import {
	NodeOperationError,
	type IBinaryKeyData,
	type IDataObject,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';
import type { PayResponse } from '../core';
import { text } from './params';
import {
	DEFAULT_MODULE_SIZE,
	DEFAULT_QUIET_ZONE,
	MAX_MODULE_SIZE,
	MAX_QUIET_ZONE,
	renderQrCode,
	type ErrorCorrectionLevel,
	type RenderOptions,
} from './qrCode';
import { pickCodeDetail } from './simplify';

/** Create Order Code's QR image: its options, their check, and the image drawn from Alipay's codeValue. */

const DEFAULT_QR_FIELD = 'qrCode';

export const qrCodeImageOptions: INodeProperties[] = [
	{
		displayName: 'Put QR Code in Field',
		name: 'qrCodeBinaryProperty',
		type: 'string',
		default: DEFAULT_QR_FIELD,
		description: 'Name of the output binary field that holds the QR code image (qrCode unless set)',
		displayOptions: { hide: { qrCodeImage: ['none'] } },
	},
	{
		displayName: 'QR Code Image',
		name: 'qrCodeImage',
		type: 'options',
		options: [
			{ name: 'None', value: 'none', description: 'Only the code itself, in the codeValue field' },
			{ name: 'PNG', value: 'png', description: 'For Respond to Webhook, email, chat or a printer' },
			{ name: 'SVG', value: 'svg', description: 'A vector image that stays sharp at any size, for web pages and print' },
		],
		default: 'png',
		description:
			'The QR code the customer scans, drawn by this node from the code Alipay sends (codeValue). PNG unless set.',
	},
	{
		displayName: 'QR Error Correction',
		name: 'qrErrorCorrection',
		type: 'options',
		options: [
			{ name: 'Low (7%)', value: 'L', description: 'Smallest image' },
			{ name: 'Medium (15%)', value: 'M' },
			{ name: 'Quartile (25%)', value: 'Q' },
			{ name: 'High (30%)', value: 'H', description: 'For print that may get scuffed or partly covered' },
		],
		default: 'M',
		description: 'How much of the QR code may be damaged and still scan; more makes a denser code',
		displayOptions: { hide: { qrCodeImage: ['none'] } },
	},
	{
		displayName: 'QR Pixels per Module',
		name: 'qrModuleSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_MODULE_SIZE, numberPrecision: 0 },
		default: DEFAULT_MODULE_SIZE,
		description:
			'Size of each square of the code in the image (a payment link is about 41 squares wide with its white border)',
		displayOptions: { hide: { qrCodeImage: ['none'] } },
	},
	{
		displayName: 'QR White Border',
		name: 'qrQuietZone',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_QUIET_ZONE, numberPrecision: 0 },
		default: DEFAULT_QUIET_ZONE,
		description:
			'Width of the white border around the code, in squares. Scanners need 4; use less only where the page around the image is white.',
		displayOptions: { hide: { qrCodeImage: ['none'] } },
	},
];

/** The QR image asked for in Options, checked before anything is sent; undefined for None. */
export function readQrImageOptions(
	this: IExecuteFunctions,
	options: IDataObject,
	itemIndex: number,
): (RenderOptions & { field: string }) | undefined {
	const refuse = (label: string, reason: string, value: unknown) =>
		new NodeOperationError(this.getNode(), `${label} ${reason} (got ${JSON.stringify(value)})`, {
			itemIndex,
			description: 'Nothing was sent to Alipay.',
		});
	const format = options.qrCodeImage ?? 'png';
	if (format === 'none') return undefined;
	if (format !== 'png' && format !== 'svg') throw refuse('QR Code Image', 'must be None, PNG or SVG', format);
	const errorCorrection = options.qrErrorCorrection ?? 'M';
	if (!['L', 'M', 'Q', 'H'].includes(String(errorCorrection))) {
		throw refuse('QR Error Correction', 'must be L, M, Q or H', errorCorrection);
	}
	const moduleSize = Number(options.qrModuleSize ?? DEFAULT_MODULE_SIZE);
	if (!Number.isInteger(moduleSize) || moduleSize < 1 || moduleSize > MAX_MODULE_SIZE) {
		throw refuse('QR Pixels per Module', `must be a whole number from 1 to ${MAX_MODULE_SIZE}`, options.qrModuleSize);
	}
	const quietZone = Number(options.qrQuietZone ?? DEFAULT_QUIET_ZONE);
	if (!Number.isInteger(quietZone) || quietZone < 0 || quietZone > MAX_QUIET_ZONE) {
		throw refuse('QR White Border', `must be a whole number from 0 to ${MAX_QUIET_ZONE}`, options.qrQuietZone);
	}
	return {
		format,
		errorCorrection: errorCorrection as ErrorCorrectionLevel,
		moduleSize,
		quietZone,
		field: text(options.qrCodeBinaryProperty) ?? DEFAULT_QR_FIELD,
	};
}

/** The QR image of the code Alipay sent, as the item's binary; the payment is named when there is no code. */
export async function qrCodeBinary(
	this: IExecuteFunctions,
	qrImage: RenderOptions & { field: string },
	response: PayResponse,
	paymentId: string,
	itemIndex: number,
): Promise<IBinaryKeyData> {
	const { field, ...renderOptions } = qrImage;
	const code = pickCodeDetail(response.orderCodeForm?.codeDetails);
	if (!code) {
		// The payment exists, so the error names it: it can be looked up or cancelled.
		throw new NodeOperationError(this.getNode(), `Alipay sent no code to draw as a QR code for payment ${paymentId}`, {
			itemIndex,
			description: `Its codeDetails held no code value, only: ${JSON.stringify(response.orderCodeForm?.codeDetails ?? [])}. Set QR Code Image to None to output the answer as it is.`,
		});
	}
	const image = renderQrCode(code.codeValue, renderOptions);
	return {
		[field]: await this.helpers.prepareBinaryData(image.data, `alipay-order-code-${paymentId}.${image.fileExtension}`, image.mimeType),
	};
}
