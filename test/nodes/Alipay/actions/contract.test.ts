import fc from 'fast-check';
import type { INodeParameters } from 'n8n-workflow';
import { findApi, validateRequest } from '../../../../simulator/contract';
import type { TestSimulator } from '../../../helpers/simulator';
import { gatewayRequests, runAlipay, useSimulator } from './fixtures';

/**
 * Every body the node sends, for any input it accepts, is one the simulator's contract (written from
 * Alipay's pages and SDKs, not from the node) accepts in strict mode. The node's own request-building
 * code runs in a real n8n execution; inputs are generated, optional fields set and unset.
 */

let sim: TestSimulator;
useSimulator((started) => (sim = started));
// n8n logs every refused call; hundreds of generated runs would bury the one failure that matters.
beforeAll(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));
afterAll(() => jest.restoreAllMocks());

const RUNS = { numRuns: 20 };
// Twenty real n8n executions per property: generous for a busy machine.
const TIMEOUT_MS = 180_000;

// Inputs a user might type. A leading "=" would make n8n read the value as an expression.
const plain = (maxLength: number) =>
	fc.string({ minLength: 1, maxLength, unit: 'binary' }).filter((s) => s.trim() !== '' && !s.startsWith('='));
const id = (maxLength: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{1,${maxLength}}$`));
const mcc = fc.stringMatching(/^\d{4}$/);
const region = fc.stringMatching(/^[A-Z]{2}$/);
const currency = fc.constantFrom('SGD', 'USD', 'HKD', 'EUR', 'GBP', 'JPY', 'KRW', 'CNY', 'MYR', 'THB', 'PHP', 'IDR');
/** An amount in major units as typed, with as many decimals as its currency has. */
const money = currency.chain((code) =>
	fc.integer({ min: 1, max: 99_999_999 }).map((minor) => ({
		currency: code,
		amount: ['JPY', 'KRW'].includes(code) ? String(minor) : (minor / 100).toFixed(2),
	})),
);
const url = fc.webUrl({ withQueryParameters: true }).filter((u) => !u.startsWith('='));
const address = fc.record(
	{ region, state: plain(8), city: plain(32), address1: plain(256), address2: plain(256), zipCode: plain(32) },
	{ requiredKeys: [] },
);
const optional = <T>(record: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record(record, { requiredKeys: [] });

/** Runs the node once and checks every gateway request it made against the contract. */
async function bodiesAreAccepted(parameters: INodeParameters): Promise<boolean> {
	await sim.control('DELETE', '/_sim/data');
	await runAlipay({ sim, parameters: { ...parameters, options: { ...(parameters.options as object), maxAttempts: 1 } } });
	const requests = await gatewayRequests(sim);
	// An input the node refuses before sending is not a body it can produce.
	fc.pre(requests.length > 0);
	for (const request of requests) {
		const found = findApi(request.path);
		if (!found) throw new Error(`The node called ${request.path}, which is none of the 8 APIs`);
		const violations = validateRequest(found.api.name, JSON.parse(String(request.requestBody)), { strict: true });
		if (violations.length > 0) {
			throw new Error(
				`${found.api.name}: the contract refuses ${violations.map((v) => `${v.field} (${v.reason})`).join('; ')}\n${String(request.requestBody)}`,
			);
		}
	}
	return true;
}

describe('every body the node can produce is accepted by the contract', () => {
	it('Payment → Create Order Code', async () => {
		await fc.assert(
			fc.asyncProperty(
				money,
				fc.record({
					orderDescription: plain(256),
					paymentNotifyUrl: url,
					referenceMerchantId: id(64),
					merchantName: plain(256),
					merchantMCC: mcc,
					referenceStoreId: id(32),
					storeName: plain(256),
					storeMCC: mcc,
				}),
				optional({
					codeValidityMinutes: fc.integer({ min: 1, max: 30 }),
					merchantAddress: address.map((a) => ({ address: a })),
					merchantDisplayName: plain(256),
					merchantRegion: region,
					paymentRedirectUrl: url,
					paymentRequestId: id(64),
					referenceOrderId: id(64),
					settlementCurrency: currency,
					storeAddress: address.map((a) => ({ address: a })),
					storeDisplayName: plain(256),
					storeOperatorId: id(64),
					storeTerminalId: id(64),
				}),
				async ({ amount, currency: code }, required, additionalFields) =>
					bodiesAreAccepted({ resource: 'payment', operation: 'createOrderCode', amount, currency: code, ...required, additionalFields }),
			),
			RUNS,
		);
	}, TIMEOUT_MS);

	it('Payment → Get, Cancel and Wait for Result', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('get', 'cancel', 'waitForResult'),
				fc.constantFrom('paymentId', 'paymentRequestId'),
				id(64),
				async (operation, findBy, value) =>
					bodiesAreAccepted({
						resource: 'payment',
						operation,
						findBy,
						[findBy]: value,
						options: { maxWaitMinutes: 0.001, pollIntervalSeconds: 0.05, cancelIfUnpaid: false },
					}),
			),
			RUNS,
		);
	}, TIMEOUT_MS);

	it('Payment → Refund', async () => {
		await fc.assert(
			fc.asyncProperty(
				id(64),
				money,
				optional({ referenceRefundId: id(64), refundReason: plain(256), refundRequestId: id(64) }),
				async (paymentId, { amount, currency: code }, additionalFields) =>
					bodiesAreAccepted({ resource: 'payment', operation: 'refund', paymentId, refundAmount: amount, currency: code, additionalFields }),
			),
			RUNS,
		);
	}, TIMEOUT_MS);

	it('Refund → Get', async () => {
		await fc.assert(
			fc.asyncProperty(fc.constantFrom('refundId', 'refundRequestId'), id(64), async (findBy, value) =>
				bodiesAreAccepted({ resource: 'refund', operation: 'get', findBy, [findBy]: value, options: { notFoundRetries: 0 } }),
			),
			RUNS,
		);
	}, TIMEOUT_MS);

	it('Merchant → Register', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					referenceMerchantId: id(64),
					merchantDisplayName: plain(256),
					merchantMCC: mcc,
					referenceStoreId: id(32),
					storeName: plain(256),
					storeMCC: mcc,
					legalName: plain(256),
					registrationType: fc.constant('ENTERPRISE_REGISTRATION_NO'),
					registrationNo: id(64),
					registrationRegion: region,
				}),
				optional({
					businessType: fc.constantFrom('ENTERPRISE', 'INDIVIDUAL'),
					contacts: fc
						.array(fc.record({ contactType: fc.constantFrom('EMAIL', 'MOBILE_PHONE'), contactNo: plain(64) }), { minLength: 1, maxLength: 3 })
						.map((contact) => ({ contact })),
					logoName: plain(64),
					logoUrl: url,
					merchantAddress: address.map((a) => ({ address: a })),
					passThroughInfo: fc.json({ maxDepth: 2 }).filter((j) => j.length <= 2048 && !j.startsWith('=')),
					registrationAddress: address.map((a) => ({ address: a })),
					registrationNotifyUrl: url,
					registrationRequestId: id(64),
					storeAddress: address.map((a) => ({ address: a })),
					websiteName: plain(64),
					websiteUrl: url,
				}),
				async (required, additionalFields) =>
					bodiesAreAccepted({ resource: 'merchant', operation: 'register', ...required, additionalFields }),
			),
			RUNS,
		);
	}, TIMEOUT_MS);

	it('Merchant → Get Registration Status and Get Registration Info', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('registrationRequestId', 'referenceMerchantId', 'referenceStoreId'),
				id(32),
				fc.option(id(32), { nil: undefined }),
				async (findBy, value, referenceStoreId) => {
					const additionalFields = referenceStoreId ? { referenceStoreId } : {};
					await bodiesAreAccepted({ resource: 'merchant', operation: 'getRegistrationStatus', findBy, [findBy]: value, additionalFields });
					return bodiesAreAccepted({ resource: 'merchant', operation: 'getRegistrationInfo', referenceMerchantId: value, additionalFields });
				},
			),
			RUNS,
		);
	}, TIMEOUT_MS);
});
