import {
	BinaryBitmap,
	DecodeHintType,
	HybridBinarizer,
	QRCodeReader,
	ResultMetadataType,
	RGBLuminanceSource,
} from '@zxing/library';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/**
 * Independent judges of the images made here: pngjs reads the PNG, then jsQR or ZXing (its
 * TypeScript port) reads the QR code. None of them shares code with the encoder.
 */
export interface Decoded {
	bytes: Buffer;
	version?: number;
}

export interface Bitmap {
	/** RGBA, 4 bytes a pixel. */
	rgba: Uint8ClampedArray;
	width: number;
	height: number;
}

export function readPng(png: Buffer): Bitmap {
	const image = PNG.sync.read(png);
	return { rgba: new Uint8ClampedArray(image.data), width: image.width, height: image.height };
}

/** jsQR locates the symbol in the image as a camera frame would be read. */
export function decodeWithJsQR({ rgba, width, height }: Bitmap): Decoded | undefined {
	const found = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
	return found ? { bytes: Buffer.from(found.binaryData), version: found.version } : undefined;
}

/**
 * ZXing reads every version; jsQR cannot read version 23, whose alignment pattern table it has
 * wrong (github.com/cozmo/jsQR/issues/251). Told the image is a pure barcode, ZXing samples the
 * modules straight from it instead of searching for finder patterns at two pixels a module.
 */
export function decodeWithZXing({ rgba, width, height }: Bitmap): Decoded | undefined {
	const luminance = new Uint8ClampedArray(width * height);
	for (let i = 0; i < luminance.length; i++) luminance[i] = rgba[i * 4];
	const hints = new Map([[DecodeHintType.PURE_BARCODE, true]]);
	try {
		const result = new QRCodeReader().decode(
			new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, width, height))),
			hints,
		);
		const segments = result.getResultMetadata().get(ResultMetadataType.BYTE_SEGMENTS) as Uint8Array[] | undefined;
		return { bytes: Buffer.concat(segments ?? []) };
	} catch {
		return undefined;
	}
}
