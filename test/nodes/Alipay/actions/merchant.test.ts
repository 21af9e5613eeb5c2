import type { INodeParameters } from 'n8n-workflow';
import type { TestSimulator } from '../../../helpers/simulator';
import { gatewayRequests, REGISTER_PARAMETERS, runAlipay, SHOP, simulatorCredentials, useSimulator } from './fixtures';

let sim: TestSimulator;
useSimulator((started) => (sim = started));

const REGISTER = REGISTER_PARAMETERS;

async function register(): Promise<Record<string, string>> {
	const run = await runAlipay({ sim, parameters: REGISTER });
	expect(run.error).toBeUndefined();
	return run.items[0].json as Record<string, string>;
}

describe('Merchant', () => {
	it("Register takes each field left empty from the credential's shop, and the node's own values win", async () => {
		const run = await runAlipay({
			sim,
			parameters: {
				...REGISTER,
				referenceMerchantId: '',
				merchantDisplayName: '',
				merchantMCC: '',
				referenceStoreId: '',
				storeName: 'Kopi Corner Changi',
				storeMCC: '',
			},
		});
		expect(run.error).toBeUndefined();
		const [request] = await gatewayRequests(sim);
		expect(JSON.parse(String(request.requestBody))).toMatchObject({
			merchantInfo: {
				referenceMerchantId: SHOP.referenceMerchantId,
				merchantDisplayName: SHOP.merchantName,
				merchantMCC: SHOP.merchantMCC,
			},
			storeInfo: { referenceStoreId: SHOP.referenceStoreId, storeName: 'Kopi Corner Changi', storeMCC: SHOP.storeMCC },
		});
	});

	it('Register without a merchant ID in the node or the credential says where to set it and sends nothing', async () => {
		const run = await runAlipay({
			sim,
			parameters: { ...REGISTER, referenceMerchantId: '' },
			credentials: simulatorCredentials(sim, { referenceMerchantId: '' }),
		});
		expect(run.error?.message).toBe('Reference Merchant ID is required (item 0)');
		expect(run.error?.description).toMatch(/^Set Reference Merchant ID once for your shop in the Alipay API credential, or enter it in this node\./);
		expect(await gatewayRequests(sim)).toHaveLength(0);
	});

	it('Register submits the merchant and store for review with typed nested fields', async () => {
		const json = await register();
		expect(json).toMatchObject({
			registrationStatus: 'SUBMITTED',
			referenceMerchantId: 'SM_000421',
			referenceStoreId: 'ST_0007',
		});
		expect(json.registrationRequestId).toMatch(/^n8n[0-9a-f]{40}$/);
		const [request] = await gatewayRequests(sim);
		expect(JSON.parse(String(request.requestBody))).toMatchObject({
			productCodes: ['IN_STORE_PAYMENT'],
			registrationNotifyURL: 'https://n8n.example.com/webhook/abc/registration',
			merchantInfo: {
				referenceMerchantId: 'SM_000421',
				merchantMCC: '5812',
				merchantAddress: { region: 'SG', city: 'Singapore', address1: '391 Orchard Road' },
				registrationDetail: {
					legalName: 'Kopi Corner Pte Ltd',
					registrationType: 'ENTERPRISE_REGISTRATION_NO',
					registrationNo: '201912345K',
					registrationAddress: { region: 'SG' },
					businessType: 'ENTERPRISE',
					contactInfo: [{ contactType: 'EMAIL', contactNo: 'owner@kopi.example' }],
				},
			},
			storeInfo: { referenceStoreId: 'ST_0007', storeName: 'Kopi Corner Orchard', storeMCC: '5812' },
		});
	});

	it('Get Registration Status shows PENDING, then which wallets approved once reviewed', async () => {
		const { registrationRequestId } = await register();
		const status: INodeParameters = {
			resource: 'merchant',
			operation: 'getRegistrationStatus',
			findBy: 'registrationRequestId',
			registrationRequestId,
		};
		expect((await runAlipay({ sim, parameters: status })).items[0].json).toMatchObject({
			registrationStatus: 'PENDING',
		});
		await sim.control('POST', `/_sim/registrations/${registrationRequestId}/approve`);
		const byMerchant = await runAlipay({
			sim,
			parameters: {
				resource: 'merchant',
				operation: 'getRegistrationStatus',
				findBy: 'referenceMerchantId',
				referenceMerchantId: 'SM_000421',
			},
		});
		expect(byMerchant.items[0].json).toMatchObject({
			registrationStatus: 'COMPLETED',
			approvedBy: ['AlipayCN'],
			rejectedBy: [],
		});
	});

	it('Get Registration Info reads back the approved merchant and store', async () => {
		const { registrationRequestId } = await register();
		await sim.control('POST', `/_sim/registrations/${registrationRequestId}/approve`);
		const run = await runAlipay({
			sim,
			parameters: {
				resource: 'merchant',
				operation: 'getRegistrationInfo',
				referenceMerchantId: 'SM_000421',
				additionalFields: { referenceStoreId: 'ST_0007' },
			},
		});
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({
			hasApprovedRegistration: true,
			referenceMerchantId: 'SM_000421',
			merchantMCC: '5812',
			storeName: 'Kopi Corner Orchard',
			productCodes: ['IN_STORE_PAYMENT'],
		});
	});

	it('Get Registration Info of a registration still under review succeeds without merchant data', async () => {
		await register();
		const run = await runAlipay({
			sim,
			parameters: { resource: 'merchant', operation: 'getRegistrationInfo', referenceMerchantId: 'SM_000421' },
		});
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toEqual({ hasApprovedRegistration: false, referenceMerchantId: 'SM_000421' });
	});

	it('Get Registration Status finds a registration by Reference Store ID alone', async () => {
		await register();
		const run = await runAlipay({
			sim,
			parameters: { resource: 'merchant', operation: 'getRegistrationStatus', findBy: 'referenceStoreId', referenceStoreId: 'ST_0007' },
		});
		expect(run.error).toBeUndefined();
		expect(run.items[0].json).toMatchObject({ registrationStatus: 'PENDING', referenceStoreId: 'ST_0007' });
		const [request] = (await gatewayRequests(sim)).filter((r) => r.endpoint === 'inquiryRegistrationStatus');
		expect(JSON.parse(String(request.requestBody))).toEqual({ referenceStoreId: 'ST_0007' });
	});

	it('registering again while under review fails with REGISTRATION_UNDER_REVIEW and says to wait', async () => {
		await register();
		const run = await runAlipay({
			sim,
			parameters: { ...REGISTER, additionalFields: { registrationRequestId: 'REG-2' } },
		});
		expect(run.error?.message).toContain('REGISTRATION_UNDER_REVIEW');
		expect(run.error?.description).toMatch(/Wait for its result/);
	});

	it('an unknown merchant fails with RECORD_NOT_FOUND', async () => {
		const run = await runAlipay({
			sim,
			parameters: { resource: 'merchant', operation: 'getRegistrationInfo', referenceMerchantId: 'NOBODY' },
		});
		expect(run.error?.message).toContain('RECORD_NOT_FOUND');
	});
});
