import type { INodeParameters } from 'n8n-workflow';
import { eventually } from '../../../helpers/eventually';
import type { TestSimulator } from '../../../helpers/simulator';
import {
	gatewayRequests,
	ORDER_CODE_PARAMETERS,
	runAlipay,
	SHOP,
	simulatorCredentials,
	simulatorPayments,
	useSimulator,
} from './fixtures';

let sim: TestSimulator;
useSimulator((started) => (sim = started));

const payments = () => simulatorPayments(sim);

async function createOrderCode(extra: INodeParameters = {}) {
	const run = await runAlipay({ sim, parameters: { ...ORDER_CODE_PARAMETERS, ...extra } });
	expect(run.error).toBeUndefined();
	return run.items[0].json as Record<string, string>;
}

describe('Payment → Create Order Code', () => {
	it('creates one payment and outputs the QR content, its expiry and the payment ID at the top level', async () => {
		const run = await runAlipay({ sim, parameters: ORDER_CODE_PARAMETERS });
		expect(run.error).toBeUndefined();
		const [item] = run.items;
		const [payment] = await payments();
		expect(item.json).toMatchObject({
			paymentId: payment.paymentId,
			paymentRequestId: payment.paymentRequestId,
			paymentStatus: 'PROCESSING',
			amount: '12.50',
			amountMinor: '1250',
			currency: 'SGD',
		});
		expect(item.json.codeValue).toBe(`${sim.baseUrl}/_sim/scan/${payment.paymentId}`);
		expect(item.json.codeExpiresAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
		expect(item.pairedItem).toEqual({ item: 0 });
	});

	it('sends the amount in minor units with every field the spec requires for Order Code', async () => {
		await createOrderCode({
			additionalFields: { paymentRequestId: 'POS17-0001', referenceOrderId: 'SO-1', storeTerminalId: 'POS-17' },
		});
		const [request] = await gatewayRequests(sim);
		const body = JSON.parse(
			String(request.verifiedContent)
				.split('\n')[1]
				.replace(/^[^.]+\.\d+\./, ''),
		);
		expect(body).toMatchObject({
			productCode: 'IN_STORE_PAYMENT',
			paymentRequestId: 'POS17-0001',
			paymentAmount: { currency: 'SGD', value: '1250' },
			paymentMethod: { paymentMethodType: 'CONNECT_WALLET' },
			paymentFactor: { inStorePaymentScenario: 'OrderCode' },
			order: {
				referenceOrderId: 'SO-1',
				orderAmount: { currency: 'SGD', value: '1250' },
				merchant: {
					referenceMerchantId: 'SM_000421',
					merchantMCC: '5812',
					store: { referenceStoreId: 'ST_0007', storeMCC: '5812' },
				},
				env: { storeTerminalId: 'POS-17' },
			},
		});
		// Alipay's own request model leaves the settlement to the contract unless the user says otherwise.
		expect(body).not.toHaveProperty('settlementStrategy');
	});

	it('sends settlementStrategy only when Settlement Currency is set', async () => {
		await createOrderCode({ additionalFields: { settlementCurrency: 'usd' } });
		const [request] = await gatewayRequests(sim);
		expect(String(request.verifiedContent)).toContain('"settlementStrategy":{"settlementCurrency":"USD"}');
	});

	it('accepts a lowercase currency and sends and shows it upper-cased', async () => {
		const output = await createOrderCode({ currency: 'sgd' });
		const [payment] = await payments();
		expect(payment.paymentAmount).toEqual({ currency: 'SGD', value: '1250' });
		expect(output.currency).toBe('SGD');
	});

	it('takes minor units when Amount Unit says so, and outputs both units', async () => {
		const json = await createOrderCode({ amount: '1200', currency: 'JPY', options: { amountUnit: 'minor' } });
		expect(json).toMatchObject({ amount: '1200', amountMinor: '1200', currency: 'JPY' });
		const json2 = await createOrderCode({ amount: '1250', options: { amountUnit: 'minor' } });
		expect(json2).toMatchObject({ amount: '12.50', amountMinor: '1250' });
	});

	it('Raw output is the verified Alipay response as received', async () => {
		const json = await createOrderCode({ output: 'raw' });
		const [request] = await gatewayRequests(sim);
		expect(json).toEqual(JSON.parse(String(request.responseBody)));
		expect(json).toMatchObject({ result: { resultStatus: 'S', resultCode: 'SUCCESS' } });
	});

	it('the default payment request ID is the same for a re-run of the same execution and new for a new one', async () => {
		const first = await createOrderCode();
		const again = await runAlipay({ sim, parameters: ORDER_CODE_PARAMETERS, executionId: 'exec-fixed' });
		const againSame = await runAlipay({ sim, parameters: ORDER_CODE_PARAMETERS, executionId: 'exec-fixed' });
		expect(again.items[0].json.paymentRequestId).toBe(againSame.items[0].json.paymentRequestId);
		expect(again.items[0].json.paymentId).toBe(againSame.items[0].json.paymentId);
		expect(again.items[0].json.paymentRequestId).not.toBe(first.paymentRequestId);
		expect(await payments()).toHaveLength(2);
	});

	it('a loop that runs the node again in the same execution creates a new payment each time', async () => {
		const run = await runAlipay({ sim, parameters: ORDER_CODE_PARAMETERS, runs: 3 });
		expect(run.error).toBeUndefined();
		expect(run.tasks).toHaveLength(3);
		const ids = run.tasks.map((task) => task.data?.main?.[0]?.[0]?.json.paymentRequestId);
		expect(new Set(ids).size).toBe(3);
		expect(await payments()).toHaveLength(3);
	});

	it('each item of one execution gets its own payment', async () => {
		const run = await runAlipay({ sim, parameters: ORDER_CODE_PARAMETERS, items: [{}, {}, {}] });
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(new Set(run.items.map((i) => i.json.paymentId)).size).toBe(3);
		expect(await payments()).toHaveLength(3);
	});
});

describe('Payment → Wait for Result', () => {
	const wait = (reference: INodeParameters, options: INodeParameters = {}, extra: INodeParameters = {}) =>
		runAlipay({
			sim,
			parameters: {
				resource: 'payment',
				operation: 'waitForResult',
				findBy: 'paymentId',
				...reference,
				...extra,
				options: { pollIntervalSeconds: 0.05, retryDelaySeconds: 0.01, ...options },
			},
		});
	const inquiries = async () => (await gatewayRequests(sim)).filter((r) => r.endpoint === 'inquiryPayment');

	it('keeps checking until the customer pays, then outputs the paid payment with both IDs', async () => {
		const created = await createOrderCode();
		const running = wait({ paymentId: created.paymentId });
		// The customer pays only once the wait has seen the order unpaid.
		await eventually(inquiries, (seen) => seen.length > 0, 'the first inquiry');
		await sim.control('POST', `/_sim/payments/${created.paymentId}/pay`);
		const run = await running;
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({
			paymentStatus: 'SUCCESS',
			paid: true,
			paymentId: created.paymentId,
			paymentRequestId: created.paymentRequestId,
			amount: '12.50',
			currency: 'SGD',
			waitEndedBy: 'finalStatus',
		});
		expect((await gatewayRequests(sim)).filter((r) => r.endpoint === 'cancel')).toHaveLength(0);
	});

	it('reports FAIL when Alipay closed the code unpaid, without cancelling it', async () => {
		const created = await createOrderCode();
		await sim.control('POST', '/_sim/clock/advance', { seconds: 181 });
		const run = await wait({ paymentId: created.paymentId });
		expect(run.items[0].json).toMatchObject({ paymentStatus: 'FAIL', paid: false, paymentResultCode: 'ORDER_IS_CLOSED' });
		expect((await gatewayRequests(sim)).filter((r) => r.endpoint === 'cancel')).toHaveLength(0);
	});

	it("at the code's expiry it cancels the unpaid order, so it cannot be paid late", async () => {
		const created = await createOrderCode();
		const run = await wait(
			{ findBy: 'paymentRequestId', paymentRequestId: created.paymentRequestId },
			{},
			{ codeExpiresAt: new Date(Date.now() - 1000).toISOString() },
		);
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({
			paymentStatus: 'CANCELLED',
			paid: false,
			cancelled: true,
			waitEndedBy: 'codeExpired',
			paymentId: created.paymentId,
			paymentRequestId: created.paymentRequestId,
		});
		expect((await payments())[0].status).toBe('CANCELLED');
	});

	it('Max Wait ends the wait the same way, and Raw outputs Alipay\'s last answer as received', async () => {
		const created = await createOrderCode();
		const run = await wait({ paymentId: created.paymentId }, { maxWaitMinutes: 0 }, { output: 'raw' });
		const [last] = await inquiries(); // newest first
		expect(run.items[0].json).toEqual(JSON.parse(String(last?.responseBody)));
		expect(run.items[0].json).toMatchObject({ paymentStatus: 'CANCELLED', paymentId: created.paymentId });
	});

	it('without Cancel If Unpaid it leaves the order open and says it is still processing', async () => {
		const created = await createOrderCode();
		const run = await wait({ paymentId: created.paymentId }, { maxWaitMinutes: 0, cancelIfUnpaid: false });
		expect(run.items[0].json).toMatchObject({ paymentStatus: 'PROCESSING', waitEndedBy: 'maxWait' });
		expect((await payments())[0].status).toBe('PROCESSING');
	});

	it('a payment Alipay never finds fails after Max Unclear Answers, naming the Payment Request ID', async () => {
		const run = await wait({ findBy: 'paymentRequestId', paymentRequestId: 'never-created-1' }, { maxUnclearAnswers: 3 });
		expect(run.error?.message).toContain('ORDER_NOT_EXIST');
		expect(run.error?.description).toContain('never-created-1');
		expect(await inquiries()).toHaveLength(3);

		const continued = await runAlipay({
			sim,
			parameters: {
				resource: 'payment',
				operation: 'waitForResult',
				findBy: 'paymentRequestId',
				paymentRequestId: 'never-created-1',
				options: { pollIntervalSeconds: 0.05, maxUnclearAnswers: 1 },
			},
			settings: { onError: 'continueRegularOutput' },
		});
		expect(continued.items[0].json).toMatchObject({ resultCode: 'ORDER_NOT_EXIST', paymentRequestId: 'never-created-1' });
	});

	it('a Code Expires At that is not a date-time fails before anything is sent', async () => {
		const run = await wait({ paymentId: 'P1' }, {}, { codeExpiresAt: 'in 3 minutes' });
		expect(run.error?.message).toMatch(/^Code Expires At must be a date-time/);
		expect(await gatewayRequests(sim)).toHaveLength(0);
	});
});

describe("Create Order Code and the credential's shop", () => {
	async function sentMerchant(): Promise<unknown> {
		const [request] = await gatewayRequests(sim);
		return (JSON.parse(String(request.requestBody)) as { order: { merchant: unknown } }).order.merchant;
	}

	it('with only Amount, Currency, Order Description and Payment Notify URL, sends the shop set on the credential', async () => {
		await createOrderCode();
		expect(await sentMerchant()).toEqual({
			referenceMerchantId: SHOP.referenceMerchantId,
			merchantName: SHOP.merchantName,
			merchantMCC: SHOP.merchantMCC,
			store: { referenceStoreId: SHOP.referenceStoreId, storeName: SHOP.storeName, storeMCC: SHOP.storeMCC },
		});
	});

	it("a merchant or store field under Additional Fields wins over the credential's, field by field", async () => {
		await createOrderCode({ additionalFields: { referenceStoreId: 'ST_0099', storeName: 'Kopi Corner Changi' } });
		expect(await sentMerchant()).toMatchObject({
			referenceMerchantId: SHOP.referenceMerchantId,
			store: { referenceStoreId: 'ST_0099', storeName: 'Kopi Corner Changi', storeMCC: SHOP.storeMCC },
		});
	});

	it('without a shop on the credential, the fields under Additional Fields are enough', async () => {
		const run = await runAlipay({
			sim,
			parameters: { ...ORDER_CODE_PARAMETERS, additionalFields: { ...SHOP, merchantName: 'Only In The Node' } },
			credentials: simulatorCredentials(sim, Object.fromEntries(Object.keys(SHOP).map((k) => [k, '']))),
		});
		expect(run.error).toBeUndefined();
		expect(await sentMerchant()).toMatchObject({ merchantName: 'Only In The Node' });
	});
});

describe('Payment → Get and Cancel', () => {
	it('Get by payment ID reports PROCESSING, then SUCCESS once the customer paid', async () => {
		const created = await createOrderCode();
		const get = { resource: 'payment', operation: 'get', findBy: 'paymentId', paymentId: created.paymentId };
		expect((await runAlipay({ sim, parameters: get })).items[0].json).toMatchObject({
			paymentStatus: 'PROCESSING',
			paid: false,
		});
		await sim.control('POST', `/_sim/payments/${created.paymentId}/pay`);
		const run = await runAlipay({ sim, parameters: get });
		expect(run.items[0].json).toMatchObject({
			paymentStatus: 'SUCCESS',
			paid: true,
			amount: '12.50',
			amountMinor: '1250',
			currency: 'SGD',
		});
	});

	it('Get by payment request ID finds the same payment', async () => {
		const created = await createOrderCode();
		const run = await runAlipay({
			sim,
			parameters: {
				resource: 'payment',
				operation: 'get',
				findBy: 'paymentRequestId',
				paymentRequestId: created.paymentRequestId,
			},
		});
		expect(run.items[0].json).toMatchObject({ paymentId: created.paymentId, paymentStatus: 'PROCESSING' });
	});

	it('Get of an unknown payment fails with ORDER_NOT_EXIST and says how to fix it', async () => {
		const run = await runAlipay({
			sim,
			parameters: { resource: 'payment', operation: 'get', findBy: 'paymentId', paymentId: 'NOPE' },
		});
		expect(run.error?.message).toContain('ORDER_NOT_EXIST');
		expect(run.error?.description).toMatch(/Check the ID/);
	});

	it('Cancel closes an unpaid order code', async () => {
		const created = await createOrderCode();
		const run = await runAlipay({
			sim,
			parameters: { resource: 'payment', operation: 'cancel', findBy: 'paymentId', paymentId: created.paymentId },
		});
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ cancelled: true, paymentId: created.paymentId });
		expect((await payments())[0].status).toBe('CANCELLED');
	});
});

describe('Payment → Refund and Refund → Get', () => {
	async function paidPayment() {
		const created = await createOrderCode();
		await sim.control('POST', `/_sim/payments/${created.paymentId}/pay`);
		return created;
	}

	it('refunds part of a paid payment and Get Refund finds it by refund request ID and by refund ID', async () => {
		const paid = await paidPayment();
		const refund = await runAlipay({
			sim,
			parameters: {
				resource: 'payment',
				operation: 'refund',
				paymentId: paid.paymentId,
				refundAmount: '4.50',
				currency: 'SGD',
				additionalFields: { refundReason: 'croissant out of stock' },
			},
		});
		expect(refund.error).toBeUndefined();
		const json = refund.items[0].json as Record<string, string>;
		expect(json).toMatchObject({
			paymentId: paid.paymentId,
			refundAmount: '4.50',
			refundAmountMinor: '450',
			refundCurrency: 'SGD',
		});
		expect(json.refundRequestId).toMatch(/^n8n[0-9a-f]{40}$/);

		const byRequestId = await runAlipay({
			sim,
			parameters: {
				resource: 'refund',
				operation: 'get',
				findBy: 'refundRequestId',
				refundRequestId: json.refundRequestId,
			},
		});
		expect(byRequestId.items[0].json).toMatchObject({ refundId: json.refundId, refundAmount: '4.50' });
		const byId = await runAlipay({
			sim,
			parameters: { resource: 'refund', operation: 'get', findBy: 'refundId', refundId: json.refundId },
		});
		expect(byId.items[0].json).toMatchObject({
			refundRequestId: json.refundRequestId,
			refundStatus: byRequestId.items[0].json.refundStatus,
		});
	});

	it('a refund above the amount paid fails with REFUND_AMOUNT_EXCEED', async () => {
		const paid = await paidPayment();
		const run = await runAlipay({
			sim,
			parameters: {
				resource: 'payment',
				operation: 'refund',
				paymentId: paid.paymentId,
				refundAmount: '99.00',
				currency: 'SGD',
			},
		});
		expect(run.error?.message).toContain('REFUND_AMOUNT_EXCEED');
		expect(run.error?.description).toMatch(/remaining amount/);
	});
});

describe('Refund → Get', () => {
	async function paidPayment() {
		const created = await createOrderCode();
		await sim.control('POST', `/_sim/payments/${created.paymentId}/pay`);
		return created;
	}

	it('asks again after ORDER_NOT_EXIST as Alipay advises, then fails with it after the last retry', async () => {
		const run = await runAlipay({
			sim,
			parameters: {
				resource: 'refund',
				operation: 'get',
				findBy: 'refundRequestId',
				refundRequestId: 'RF_NOT_YET',
				options: { notFoundRetries: 2, notFoundRetryDelaySeconds: 0.01 },
			},
		});
		expect(run.error?.message).toContain('ORDER_NOT_EXIST');
		const inquiries = (await gatewayRequests(sim)).filter((r) => r.endpoint === 'inquiryRefund');
		expect(inquiries).toHaveLength(3);
	});

	it('finds a refund that appears while it asks again', async () => {
		const paid = await paidPayment();
		const refundRequestId = 'RF_LATE_1';
		const lookup = runAlipay({
			sim,
			parameters: {
				resource: 'refund',
				operation: 'get',
				findBy: 'refundRequestId',
				refundRequestId,
				// 20 s for the refund below to be made: a busy machine cannot outlast that, a quiet one finds it within 2 s.
				options: { notFoundRetries: 10, notFoundRetryDelaySeconds: 2 },
			},
		});
		await eventually(() => gatewayRequests(sim), (logged) => logged.some((r) => r.endpoint === 'inquiryRefund'), 'the first refund inquiry');
		await runAlipay({
			sim,
			parameters: {
				resource: 'payment',
				operation: 'refund',
				paymentId: paid.paymentId,
				refundAmount: '1.00',
				currency: 'SGD',
				additionalFields: { refundRequestId },
			},
		});
		const run = await lookup;
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ refundRequestId, refundStatus: 'SUCCESS' });
	});
});
