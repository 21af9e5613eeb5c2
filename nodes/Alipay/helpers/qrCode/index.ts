/**
 * QR code images made here, with no dependency: `renderQrCode(text, options)` encodes the text as
 * UTF-8 in byte mode and draws it as PNG or SVG.
 */
import { encodeQr, type EncodeOptions } from './encoder';
import { renderPng } from './png';
import { renderSvg } from './svg';

export { byteCapacity, encodeQr, type EncodeOptions, type QrSymbol } from './encoder';
export type { ErrorCorrectionLevel } from './versions';

export type QrImageFormat = 'png' | 'svg';

export interface RenderOptions extends EncodeOptions {
	/** Default png. */
	format?: QrImageFormat;
	/** Pixels per module (PNG) or the SVG's pixel size per module; default 8. */
	moduleSize?: number;
	/** Light border in modules; default 4, the width scanners are built for. */
	quietZone?: number;
}

export interface QrImage {
	data: Buffer;
	mimeType: 'image/png' | 'image/svg+xml';
	fileExtension: QrImageFormat;
	/** Symbol version 1–40 chosen for the content. */
	version: number;
}

export const DEFAULT_MODULE_SIZE = 8;
export const DEFAULT_QUIET_ZONE = 4;
export const MAX_MODULE_SIZE = 50;
export const MAX_QUIET_ZONE = 20;

function wholeNumber(value: number, name: string, min: number, max: number): number {
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new RangeError(`QR ${name} must be a whole number from ${min} to ${max}, not ${value}`);
	}
	return value;
}

export function renderQrCode(content: string | Uint8Array, options: RenderOptions = {}): QrImage {
	const format = options.format ?? 'png';
	if (format !== 'png' && format !== 'svg') throw new RangeError(`QR image format must be png or svg, not ${String(format)}`);
	const moduleSize = wholeNumber(options.moduleSize ?? DEFAULT_MODULE_SIZE, 'module size', 1, MAX_MODULE_SIZE);
	const quietZone = wholeNumber(options.quietZone ?? DEFAULT_QUIET_ZONE, 'quiet zone', 0, MAX_QUIET_ZONE);
	const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
	const symbol = encodeQr(bytes, options);
	const draw = format === 'png' ? renderPng : renderSvg;
	return {
		data: draw(symbol.modules, symbol.size, moduleSize, quietZone),
		mimeType: format === 'png' ? 'image/png' : 'image/svg+xml',
		fileExtension: format,
		version: symbol.version,
	};
}
