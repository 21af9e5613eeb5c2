import type { IncomingMessage, ServerResponse } from 'node:http';
import { toBuffer } from 'qrcode';
import { orderCodeUrls, type SimContext } from './context';
import { sendText } from './http';
import { expireIfDue } from './lifecycle';
import { renderScanPage, renderWalletPage } from './wallet-page';

/** Pixel width of each image kind the pay response offers (its codeDetails displayType). */
const QR_SIZES = { small: 180, middle: 300, big: 520 } as const;

/** GET pages: the wallet page, a payment's scan page (the TEXT code) and its QR images. */
export async function handlePageRequest(ctx: SimContext, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
	if (req.method !== 'GET' && req.method !== 'HEAD') return false;
	const pathname = (req.url ?? '/').split('?')[0];
	if (pathname === '/_sim' || pathname === '/_sim/') {
		sendText(res, 200, 'text/html; charset=utf-8', renderWalletPage(ctx));
		return true;
	}
	const scan = /^\/_sim\/scan\/([^/]+)$/.exec(pathname);
	if (scan) {
		const payment = ctx.store.payments.get(decodeURIComponent(scan[1]));
		if (payment && expireIfDue(ctx, payment)) ctx.store.save();
		sendText(res, payment ? 200 : 404, 'text/html; charset=utf-8', renderScanPage(ctx, payment, decodeURIComponent(scan[1])));
		return true;
	}
	const qr = /^\/_sim\/qr\/([^/]+)\/(small|middle|big)\.png$/.exec(pathname);
	if (qr) {
		const paymentId = decodeURIComponent(qr[1]);
		if (!ctx.store.payments.has(paymentId)) {
			sendText(res, 404, 'text/plain; charset=utf-8', `no payment ${paymentId}`);
			return true;
		}
		sendText(res, 200, 'image/png', await qrPng(orderCodeUrls(ctx, paymentId).text, QR_SIZES[qr[2] as keyof typeof QR_SIZES]));
		return true;
	}
	return false;
}

/** The wallet page reloads every few seconds; rendered images are kept for the latest codes. */
const pngCache = new Map<string, Buffer>();
const PNG_CACHE_SIZE = 300;

async function qrPng(text: string, width: number): Promise<Buffer> {
	const key = `${width} ${text}`;
	const hit = pngCache.get(key);
	if (hit) return hit;
	const png = await toBuffer(text, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' });
	if (pngCache.size >= PNG_CACHE_SIZE) pngCache.delete(pngCache.keys().next().value as string);
	pngCache.set(key, png);
	return png;
}
