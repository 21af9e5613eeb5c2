import type { INodeParameters } from 'n8n-workflow';
import { TEST_KEYS } from '../../../helpers/keys';
import type { TestSimulator } from '../../../helpers/simulator';
import { gatewayRequests, ORDER_CODE_PARAMETERS, runAlipay, simulatorCredentials, useSimulator } from './fixtures';

let sim: TestSimulator;
useSimulator((started) => (sim = started));

const orderCode = (changes: INodeParameters): INodeParameters => ({ ...ORDER_CODE_PARAMETERS, ...changes });
const refund = (changes: INodeParameters): INodeParameters => ({
	resource: 'payment',
	operation: 'refund',
	paymentId: 'P1',
	refundAmount: '1.00',
	currency: 'SGD',
	...changes,
});

const CASES: Array<[string, INodeParameters, RegExp]> = [
	[
		'an empty required field (n8n itself refuses to start)',
		orderCode({ orderDescription: '' }),
		/Parameter "Order Description" is required/,
	],
	[
		'a blank Order Description',
		orderCode({ orderDescription: '  ' }),
		/^Order Description is required/,
	],
	[
		'a Payment Notify URL that an expression left empty',
		orderCode({ paymentNotifyUrl: '={{ "" }}' }),
		/^Payment Notify URL is required/,
	],
	[
		'an amount that an expression left empty',
		orderCode({ amount: '={{ $json.total }}' }),
		/^Amount is required/,
	],
	[
		'an amount with too many decimals',
		orderCode({ amount: '12.345' }),
		/12\.345 has 3 decimal places but SGD allows 2/,
	],
	['decimals in a currency without minor units', orderCode({ amount: '100.5', currency: 'JPY' }), /JPY allows 0/],
	['an amount that is not a number', orderCode({ amount: 'twelve' }), /"twelve" is not an amount/],
	['a negative amount', orderCode({ amount: '-5' }), /must be positive/],
	['a zero amount', orderCode({ amount: '0.00' }), /must be greater than zero/],
	['a decimal comma', orderCode({ amount: '12,50' }), /uses a comma/],
	[
		'minor units that are not whole',
		orderCode({ amount: '12.5', options: { amountUnit: 'minor' } }),
		/not a whole number of minor units/,
	],
	['an unknown currency', orderCode({ currency: 'XYZ' }), /"XYZ" is not a known ISO 4217 currency code/],
	[
		'an unknown settlement currency',
		orderCode({ additionalFields: { settlementCurrency: 'SGX' } }),
		/^Settlement Currency "SGX" is not a known ISO 4217 currency code/,
	],
	[
		'a payment request ID over 64 characters',
		orderCode({ additionalFields: { paymentRequestId: 'P'.repeat(65) } }),
		/Payment Request ID must be at most 64 characters \(got 65\)/,
	],
	[
		'special characters in a payment request ID',
		orderCode({ additionalFields: { paymentRequestId: 'order #17' } }),
		/may only contain letters, digits/,
	],
	[
		'a reference merchant ID over 64 characters',
		orderCode({ additionalFields: { referenceMerchantId: 'M'.repeat(65) } }),
		/Reference Merchant ID must be at most 64/,
	],
	[
		'a merchant MCC that is not 4 digits',
		orderCode({ additionalFields: { merchantMCC: '58' } }),
		/^Merchant MCC must be a 4-digit merchant category code/,
	],
	[
		'a notify URL that is not a URL',
		orderCode({ paymentNotifyUrl: 'my-webhook' }),
		/Payment Notify URL must be an absolute http\(s\) URL/,
	],
	[
		'invalid JSON in Additional Body',
		orderCode({ additionalFields: { additionalBodyJson: '{oops' } }),
		/Additional Body \(JSON\) must be a JSON object/,
	],
	[
		'a refund amount in an unknown currency',
		refund({ currency: 'ABC' }),
		/"ABC" is not a known ISO 4217 currency code/,
	],
	[
		'a refund request ID over 64 characters',
		refund({ additionalFields: { refundRequestId: 'R'.repeat(70) } }),
		/Refund Request ID must be at most 64 characters/,
	],
	[
		'a payment ID to refund that an expression left empty',
		refund({ paymentId: '={{ $json.id }}' }),
		/Payment ID is required/,
	],
	[
		'a payment ID to get over 64 characters',
		{ resource: 'payment', operation: 'get', findBy: 'paymentId', paymentId: 'X'.repeat(65) },
		/Payment ID must be at most 64/,
	],
	[
		'a reference store ID over 32 characters to register',
		{
			resource: 'merchant',
			operation: 'register',
			referenceMerchantId: 'M',
			merchantDisplayName: 'K',
			merchantMCC: '5812',
			referenceStoreId: 'S'.repeat(33),
			storeName: 'S',
			storeMCC: '5812',
			legalName: 'K Pte Ltd',
			registrationNo: '201912345K',
			registrationRegion: 'SG',
		},
		/Reference Store ID must be at most 32/,
	],
	[
		'a legal name to register that an expression left empty',
		{
			resource: 'merchant',
			operation: 'register',
			referenceMerchantId: 'M',
			merchantDisplayName: 'K',
			merchantMCC: '5812',
			referenceStoreId: 'S',
			storeName: 'S',
			storeMCC: '5812',
			legalName: '={{ $json.legal }}',
			registrationNo: '201912345K',
			registrationRegion: 'SG',
		},
		/^Legal Name is required/,
	],
	[
		'Pass Through Info over 2048 characters to register',
		{
			resource: 'merchant',
			operation: 'register',
			referenceMerchantId: 'M',
			merchantDisplayName: 'K',
			merchantMCC: '5812',
			referenceStoreId: 'S',
			storeName: 'S',
			storeMCC: '5812',
			legalName: 'K Pte Ltd',
			registrationNo: '201912345K',
			registrationRegion: 'SG',
			additionalFields: { passThroughInfo: 'x'.repeat(2049) },
		},
		/^Pass Through Info must be at most 2048 characters/,
	],
	[
		'a registration request ID to look up that an expression left empty',
		{
			resource: 'merchant',
			operation: 'getRegistrationStatus',
			findBy: 'registrationRequestId',
			registrationRequestId: '={{ $json.id }}',
		},
		/^Registration Request ID, Reference Merchant ID or Reference Store ID is required/,
	],
];

describe('bad input: a specific error naming the field and item, and no request sent', () => {
	it.each(CASES)('%s', async (_, parameters, message) => {
		const run = await runAlipay({ sim, parameters });
		expect(run.error?.message).toMatch(message);
		expect(await gatewayRequests(sim)).toHaveLength(0);
	});

	it("the headline names the field as the form shows it; Alipay's field path is in the description", async () => {
		const run = await runAlipay({ sim, parameters: orderCode({ orderDescription: '={{ $json.nothing }}' }) });
		expect(run.error?.message).toBe('Order Description is required (item 0)');
		expect(run.error?.description).toBe(
			'Fix Order Description and run again. Nothing was sent to Alipay. Alipay field: order.orderDescription.',
		);
	});

	it('a Store MCC in neither the node nor the credential says where to set it', async () => {
		const run = await runAlipay({
			sim,
			parameters: orderCode({ additionalFields: { storeMCC: '={{ $json.nothing }}' } }),
			credentials: simulatorCredentials(sim, { storeMCC: '' }),
		});
		expect(run.error?.message).toBe('Store MCC is required (item 0)');
		expect(run.error?.description).toBe(
			'Set Store MCC once for your shop in the Alipay API credential, or enter it under Additional Fields. Nothing was sent to Alipay. Alipay field: order.merchant.store.storeMCC.',
		);
		expect(await gatewayRequests(sim)).toHaveLength(0);
	});

	it('the error names the item index of the bad item', async () => {
		const run = await runAlipay({
			sim,
			parameters: orderCode({ amount: '={{ $json.amount }}' }),
			items: [{ amount: '1.00' }, { amount: 'oops' }],
		});
		expect(run.error?.message).toMatch(/"oops" is not an amount \(item 1\)$/);
		expect(run.error?.context?.itemIndex).toBe(1);
	});

	it.each([
		['a malformed private key', { privateKey: 'not a key' }, /Merchant Private Key is not a valid RSA key/],
		[
			'a public key in the private key field',
			{ privateKey: TEST_KEYS.merchantPublic },
			/Merchant Private Key holds a public key/,
		],
		[
			'your own public key as Alipay Public Key',
			{ alipayPublicKey: TEST_KEYS.merchantPublic },
			/Alipay Public Key is your own merchant public key/,
		],
		['an empty Alipay Public Key', { alipayPublicKey: '' }, /Alipay Public Key is empty/],
		[
			'a Custom Base URL with an API path',
			{ customBaseUrl: 'https://open-sea-global.alipay.com/ams/api' },
			/Custom Base URL must be the gateway origin only/,
		],
	])('%s in the credential fails before any request', async (_, change, message) => {
		const run = await runAlipay({
			sim,
			parameters: ORDER_CODE_PARAMETERS,
			credentials: simulatorCredentials(sim, change),
		});
		expect(run.error?.message).toMatch(message);
		expect(run.error?.description).toBeTruthy();
		expect(run.error?.message).not.toContain(TEST_KEYS.merchantPublic.slice(30, 70));
		expect(await gatewayRequests(sim)).toHaveLength(0);
	});

	it('with Continue On Fail, a broken credential makes every item an error item naming the field, and sends nothing', async () => {
		const run = await runAlipay({
			sim,
			parameters: ORDER_CODE_PARAMETERS,
			items: [{}, {}],
			credentials: simulatorCredentials(sim, { alipayPublicKey: TEST_KEYS.merchantPublic }),
			settings: { onError: 'continueRegularOutput' },
		});
		expect(run.error).toBeUndefined();
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of run.items) {
			expect(item.json.error).toMatch(/Alipay Public Key is your own merchant public key/);
			expect(item.json.description).toMatch(/Alipay Public Key/);
		}
		expect(await gatewayRequests(sim)).toHaveLength(0);
	});

	it('with Continue On Fail, bad items become error items and good items still run', async () => {
		const run = await runAlipay({
			sim,
			parameters: orderCode({ currency: '={{ $json.currency }}' }),
			items: [{ currency: 'SGD' }, { currency: 'XYZ' }, { currency: 'HKD' }],
			settings: { onError: 'continueRegularOutput' },
		});
		expect(run.error).toBeUndefined();
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(run.items[0].json.paymentStatus).toBe('PROCESSING');
		expect(run.items[1].json.error).toMatch(/"XYZ" is not a known ISO 4217 currency code \(item 1\)/);
		expect(run.items[2].json.currency).toBe('HKD');
		expect((await gatewayRequests(sim)).filter((r) => r.endpoint === 'pay')).toHaveLength(2);
	});

	it('with Continue (using error output), bad items leave by the error output and good ones by the main output', async () => {
		const run = await runAlipay({
			sim,
			parameters: orderCode({ amount: '={{ $json.amount }}' }),
			items: [{ amount: '12.50' }, { amount: '12.345' }],
			settings: { onError: 'continueErrorOutput' },
		});
		expect(run.error).toBeUndefined();
		const [success, failure] = run.tasks[0].data!.main;
		expect(success!.map((i) => i.json.paymentStatus)).toEqual(['PROCESSING']);
		expect(failure!.map((i) => i.json.error)).toEqual([expect.stringMatching(/^Amount .*12\.345/)]);
		expect(failure![0].json.details).toMatchObject({ description: expect.stringContaining('Round to 2 decimal places') });
	});
});
