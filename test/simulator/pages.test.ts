import { toBuffer } from 'qrcode';
import { startTestSimulator, type TestSimulator } from '../helpers/simulator';
import { WireMerchant, payBody, registrationBody } from './wire';

describe('wallet page, scan page, QR images and control routes', () => {
	let sim: TestSimulator;
	let merchant: WireMerchant;

	beforeAll(async () => {
		// The answer shape that lists the image URLs beside the TEXT code.
		sim = await startTestSimulator({ orderCodeShape: 'textAndImages' });
		merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
	});
	afterAll(() => sim.close());

	const get = (path: string) => fetch(`${sim.baseUrl}${path}`, { redirect: 'manual' });

	it('serves each image code as a PNG QR code of the TEXT code, at three sizes', async () => {
		const paid = await merchant.call('/v1/payments/pay', payBody());
		const codes = Object.fromEntries(
			(paid.json.orderCodeForm.codeDetails as Array<{ displayType: string; codeValue: string }>).map((c) => [c.displayType, c.codeValue]),
		);
		const sizes: number[] = [];
		for (const [kind, width] of [['SMALLIMAGE', 180], ['MIDDLEIMAGE', 300], ['BIGIMAGE', 520]] as const) {
			const res = await fetch(codes[kind]);
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toBe('image/png');
			const png = Buffer.from(await res.arrayBuffer());
			expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
			expect(png.readUInt32BE(16)).toBe(width);
			if (kind === 'SMALLIMAGE') {
				// Rendering the TEXT code the same way gives the same bytes: the image encodes exactly that URL.
				const expected = await toBuffer(codes.TEXT, { type: 'png', width, margin: 2, errorCorrectionLevel: 'M' });
				expect(png.equals(expected)).toBe(true);
			}
			sizes.push(png.length);
		}
		expect(sizes[0]).toBeLessThan(sizes[2]);
		// PNG encoding is pure JS and slow inside jest's sandbox on a busy 2-core box.
	}, 20_000);

	it('opens the TEXT code as the customer’s page with Pay, Decline and Expire while the code is open', async () => {
		const paid = await merchant.call('/v1/payments/pay', payBody({ paymentAmount: { currency: 'JPY', value: '1200' } }));
		const text = paid.json.orderCodeForm.codeDetails[0].codeValue as string;
		const open = await (await fetch(text)).text();
		expect(open).toContain('1200 JPY');
		for (const action of ['pay', 'decline', 'expire']) expect(open).toContain(`/_sim/payments/${paid.json.paymentId}/${action}`);
		await sim.control('POST', `/_sim/payments/${paid.json.paymentId}/pay`);
		const closed = await (await fetch(text)).text();
		expect(closed).toContain('SUCCESS');
		expect(closed).not.toContain(`/_sim/payments/${paid.json.paymentId}/pay`);
		expect((await get('/_sim/scan/no-such-payment')).status).toBe(404);
		expect((await get('/_sim/qr/no-such-payment/small.png')).status).toBe(404);
	});

	it('shows open codes, recent requests with the verified content, and notifications on the wallet page, escaped', async () => {
		const body = payBody({ order: { ...(payBody().order as object), orderDescription: '<script>alert(1)</script> & tea' } });
		const paid = await merchant.call('/v1/payments/pay', body);
		const html = await (await get('/_sim/')).text();
		expect(html).toContain(`/_sim/qr/${paid.json.paymentId}/small.png`);
		expect(html).toContain(`/_sim/payments/${paid.json.paymentId}/decline`);
		expect(html).not.toContain('<script>alert(1)</script>');
		expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; tea');
		expect(html).toContain('verified content');
		expect(html).toContain('Notifications');
	});

	it('redirects / to the wallet page and answers unknown paths with a JSON 404', async () => {
		const root = await get('/');
		expect(root.status).toBe(302);
		expect(root.headers.get('location')).toBe('/_sim/');
		const missing = await get('/nothing-here');
		expect(missing.status).toBe(404);
		expect(((await missing.json()) as { error: string }).error).toMatch(/\/ams\/api\/v1/);
		await expect(sim.control('GET', '/_sim/payments/nope')).rejects.toThrow(/HTTP 404/);
		await expect(sim.control('POST', '/_sim/registrations/nope/approve')).rejects.toThrow(/HTTP 404/);
	});

	it('filters the payment list by status, client ID and request ID', async () => {
		const open = payBody();
		await merchant.call('/v1/payments/pay', open);
		const byRequest = await sim.control('GET', `/_sim/payments?paymentRequestId=${String(open.paymentRequestId)}`);
		expect(byRequest.payments).toEqual([expect.objectContaining({ paymentRequestId: open.paymentRequestId, status: 'PROCESSING' })]);
		const processing = await sim.control('GET', '/_sim/payments?status=PROCESSING');
		expect(processing.payments.length).toBeGreaterThan(0);
		expect(processing.payments.every((p: { status: string }) => p.status === 'PROCESSING')).toBe(true);
		expect((await sim.control('GET', '/_sim/payments?clientId=SANDBOX_NOBODY')).payments).toEqual([]);
	});

	it('moves the clock forward on request and reports it', async () => {
		const before = await sim.control('GET', '/_sim/clock');
		const after = await sim.control('POST', '/_sim/clock/advance', { seconds: 3600 });
		expect(after.offsetMs - before.offsetMs).toBe(3_600_000);
		expect(after.nowMs - before.nowMs).toBeGreaterThanOrEqual(3_600_000);
		await expect(sim.control('POST', '/_sim/clock/advance', { seconds: -1 })).rejects.toThrow(/HTTP 400/);
	});

	it('forgets pending expiries and reviews when the data is deleted', async () => {
		const paid = await merchant.call('/v1/payments/pay', payBody({}, 'http://127.0.0.1:9/n'));
		await sim.control('DELETE', '/_sim/data');
		await sim.control('POST', '/_sim/clock/advance', { seconds: 3600 });
		expect((await sim.control('GET', '/_sim/notifications')).notifications).toEqual([]);
		await expect(sim.control('GET', `/_sim/payments/${paid.json.paymentId}`)).rejects.toThrow(/HTTP 404/);
	});

	it('lists pending registrations on the wallet page with Approve and Reject', async () => {
		const registration = registrationBody();
		await merchant.call('/v1/merchants/registration', registration);
		const html = await (await get('/_sim/')).text();
		expect(html).toContain(`/_sim/registrations/${String(registration.registrationRequestId)}/approve`);
		expect(html).toContain(`/_sim/registrations/${String(registration.registrationRequestId)}/reject`);
		await sim.control('POST', `/_sim/registrations/${String(registration.registrationRequestId)}/approve`);
		const after = await (await get('/_sim/')).text();
		expect(after).not.toContain(`/_sim/registrations/${String(registration.registrationRequestId)}/approve`);
		expect(after).toContain('AlipayCN: APPROVED');
	});

	it('refuses to decide a registration twice, with an unknown status or for a wallet that does not review it', async () => {
		const registration = registrationBody();
		await merchant.call('/v1/merchants/registration', registration);
		const decided = await sim.control('POST', `/_sim/registrations/${registration.registrationRequestId}/reject`, { rejectReasons: 'no licence' });
		expect(decided).toMatchObject({
			status: 'COMPLETED',
			registrationResult: { registrationStatus: 'COMPLETED', rejectReasons: 'no licence' },
		});
		await expect(sim.control('POST', `/_sim/registrations/${registration.registrationRequestId}/approve`)).rejects.toThrow(/HTTP 409/);
		const other = registrationBody();
		await merchant.call('/v1/merchants/registration', other);
		await expect(
			sim.control('POST', `/_sim/registrations/${String(other.registrationRequestId)}/approve`, { results: [{ pspName: 'AlipayCN', status: 'OK' }] }),
		).rejects.toThrow(/HTTP 400[\s\S]*APPROVED or REJECTED/);
		await expect(
			sim.control('POST', `/_sim/registrations/${String(other.registrationRequestId)}/approve`, { wallets: ['KAKAOPAY'] }),
		).rejects.toThrow(/HTTP 409[\s\S]*no wallet KAKAOPAY/);
	});
});
