import {
	APIS,
	NOTIFICATIONS,
	SOURCES,
	validateNotification,
	validateRequest,
	validateResponse,
	type ApiName,
	type FieldRule,
} from '../../simulator/contract';
import { ENDPOINTS } from '../../nodes/Alipay/core';
import { startTestSimulator, type TestSimulator } from '../helpers/simulator';
import { SDK_SAMPLES } from './sdk-samples';
import { WireMerchant, expectResult, payBody, registrationBody, uniqueId } from './wire';

function fieldsOf(violations: Array<{ field: string }>): string[] {
	return violations.map((v) => v.field).sort();
}

describe("the official SDKs' own sample requests", () => {
	it.each(SDK_SAMPLES.map((s) => [s.source, s] as const))('%s', (_, sample) => {
		const refused = Object.keys(sample.refusedFields ?? {});
		expect(fieldsOf(validateRequest(sample.api, sample.body))).toEqual([...refused].sort());
		expect(fieldsOf(validateRequest(sample.api, sample.body, { strict: true }))).toEqual(
			[...refused, ...(sample.strictOnlyFields ?? [])].sort(),
		);
	});

	it('cover all eight APIs', () => {
		expect(new Set(SDK_SAMPLES.map((s) => s.api))).toEqual(new Set(Object.keys(APIS)));
	});
});

describe('the contract itself', () => {
	function* rules(fields: Readonly<Record<string, FieldRule>>, parent: string): Generator<[string, FieldRule]> {
		for (const [name, rule] of Object.entries(fields)) {
			const path = parent ? `${parent}.${name}` : name;
			yield [path, rule];
			if (rule.fields) yield* rules(rule.fields, path);
			if (rule.items) {
				yield [`${path}[]`, rule.items];
				if (rule.items.fields) yield* rules(rule.items.fields, `${path}[]`);
			}
		}
	}
	const everyRule = [
		...Object.values(APIS).flatMap((api) => [
			...rules(api.request, `${api.name} request`),
			...rules(api.response, `${api.name} answer`),
		]),
		...Object.values(NOTIFICATIONS).flatMap((n) => [...rules(n.body, n.name), ...rules(n.acknowledgement, `${n.name} ack`)]),
	];

	const unknownSource = (source: readonly string[]) => source.length === 0 || source.some((s) => !(s in SOURCES));

	it('names a known source for every rule', () => {
		const unsourced = everyRule.filter(([, rule]) => unknownSource(rule.source));
		expect(unsourced.map(([path]) => path)).toEqual([]);
		expect(everyRule.length).toBeGreaterThan(250);
	});

	it('names a known source for every API, notification and rule across fields', () => {
		const wholes = [...Object.values(APIS), ...Object.values(NOTIFICATIONS)].filter((c) => unknownSource(c.source));
		expect(wholes.map((c) => c.name)).toEqual([]);
		const crossRules = Object.values(APIS).flatMap((api) => (api.requestRules ?? []).map((rule) => [api.name, rule] as const));
		expect(crossRules.filter(([, rule]) => unknownSource(rule.source)).map(([name, rule]) => `${name} ${rule.kind}`)).toEqual([]);
		expect(crossRules.length).toBeGreaterThan(0);
	});

	it("puts the eight APIs at the paths the node's own endpoint table, written separately, sends them to", () => {
		const paths = (table: Record<string, { path: string }>) => Object.fromEntries(Object.entries(table).map(([name, api]) => [name, api.path]));
		expect(Object.keys(APIS)).toHaveLength(8);
		expect(paths(APIS)).toEqual(paths(ENDPOINTS));
	});

	it('names the field and the rule in each violation', () => {
		const body = registrationBody();
		const merchantInfo = { ...(body.merchantInfo as object), websites: [{ url: 'https://kopi.example' }] };
		expect(validateRequest('registration', { ...body, merchantInfo })).toEqual([
			{ field: 'merchantInfo.websites[0].name', reason: 'is required' },
		]);
		expect(validateRequest('registration', { ...body, storeInfo: undefined })).toEqual([
			{ field: 'storeInfo', reason: 'is required when productCodes includes IN_STORE_PAYMENT' },
		]);
		expect(validateRequest('pay', payBody({ productCode: 'ONLINE_PAYMENT' }))[0]).toEqual({
			field: 'productCode',
			reason: 'must be one of "IN_STORE_PAYMENT" (got "ONLINE_PAYMENT")',
		});
		expect(validateRequest('refund', { refundRequestId: 'R 1', paymentId: 'P', refundAmount: { currency: 'SGD', value: '0' } })).toEqual([
			{ field: 'refundRequestId', reason: 'may only contain letters, digits, "_" and "-"' },
			{ field: 'refundAmount.value', reason: 'must be a positive integer string in SGD minor units (its smallest unit), e.g. "1250"' },
		]);
	});
});

describe("the simulator's answers and notifications follow the contract", () => {
	let sim: TestSimulator;
	let merchant: WireMerchant;
	beforeAll(async () => {
		sim = await startTestSimulator({ notifyRetrySchedule: [0] });
		merchant = new WireMerchant(sim.baseUrl, sim.alipayPublicKey);
	});
	afterAll(() => sim.close());

	async function call(api: ApiName, body: unknown): Promise<Record<string, any>> {
		const answer = await merchant.call(APIS[api].path, body);
		expect({ api, violations: validateResponse(api, answer.json) }).toEqual({ api, violations: [] });
		return answer.json;
	}

	it('through a payment, a refund, a cancel and a registration', async () => {
		const created = await call('pay', payBody());
		const paymentId = created.paymentId as string;
		await call('inquiryPayment', { paymentId });
		await sim.control('POST', `/_sim/payments/${paymentId}/pay`);
		await call('inquiryPayment', { paymentId });
		const refunded = await call('refund', { refundRequestId: uniqueId('RF'), paymentId, refundAmount: { currency: 'SGD', value: '450' } });
		await call('inquiryRefund', { refundId: refunded.refundId });
		await call('inquiryPayment', { paymentId });
		const other = await call('pay', payBody());
		await call('cancel', { paymentId: other.paymentId });
		await call('inquiryPayment', { paymentId: other.paymentId });

		const registration = registrationBody({ registrationNotifyURL: 'http://127.0.0.1:9/notify/registration' });
		await call('registration', registration);
		const merchantId = (registration.merchantInfo as { referenceMerchantId: string }).referenceMerchantId;
		await call('inquiryRegistrationInfo', { referenceMerchantId: merchantId });
		await sim.control('POST', `/_sim/registrations/${registration.registrationRequestId}/approve`);
		await call('inquiryRegistrationStatus', { registrationRequestId: registration.registrationRequestId });
		await call('inquiryRegistrationInfo', { referenceMerchantId: merchantId });
		expectResult(await merchant.call(APIS.inquiryRegistrationInfo.path, { referenceMerchantId: merchantId }), 'S', 'SUCCESS');

		const { notifications } = await sim.control<{ notifications: Array<{ kind: string; body: string }> }>('GET', '/_sim/notifications');
		expect(notifications.map((n) => n.kind).sort()).toEqual(['payment', 'registration']);
		for (const n of notifications) {
			const name = n.kind === 'payment' ? 'notifyPayment' : 'notifyRegistrationStatus';
			expect({ name, violations: validateNotification(name, JSON.parse(n.body)) }).toEqual({ name, violations: [] });
		}
	}, 60_000);
});
