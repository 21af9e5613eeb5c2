import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { AlipayApi } from '../../../../credentials/AlipayApi.credentials';
import { Alipay } from '../../../../nodes/Alipay/Alipay.node';
import { TEST_CLIENT_ID, TEST_KEYS } from '../../../helpers/keys';
import { runNode, type NodeRun, type WorkflowNodeSettings } from '../../../helpers/n8n';
import { startTestSimulator, type TestSimulator } from '../../../helpers/simulator';

/** A shop's merchant and store, set once on the credential (every field Order Code requires). */
export const SHOP = {
	referenceMerchantId: 'SM_000421',
	merchantName: 'Kopi Corner Pte Ltd',
	merchantMCC: '5812',
	referenceStoreId: 'ST_0007',
	storeName: 'Kopi Corner Orchard',
	storeMCC: '5812',
};

/** Credential data pointing the node at a running simulator, with the shop SHOP. */
export function simulatorCredentials(sim: TestSimulator, overrides: IDataObject = {}): ICredentialDataDecryptedObject {
	return {
		clientId: TEST_CLIENT_ID,
		environment: 'sandbox',
		gateway: 'custom',
		customBaseUrl: sim.baseUrl,
		privateKey: TEST_KEYS.merchantPrivate,
		alipayPublicKey: TEST_KEYS.alipayPublic,
		keyVersion: 1,
		...SHOP,
		...overrides,
	};
}

/**
 * A Create Order Code the spec accepts with only the four fields the node shows: the merchant and
 * store come from the credential's shop (SHOP), as a user sets them once.
 */
export const ORDER_CODE_PARAMETERS: INodeParameters = {
	resource: 'payment',
	operation: 'createOrderCode',
	amount: '12.50',
	currency: 'SGD',
	orderDescription: 'Flat white x2, croissant',
	paymentNotifyUrl: 'https://n8n.example.com/webhook/abc/payment',
	additionalFields: {},
	options: { retryDelaySeconds: 0.01 },
};

/** A Register Merchant the spec accepts, for one merchant and store. */
export const REGISTER_PARAMETERS: INodeParameters = {
	resource: 'merchant',
	operation: 'register',
	referenceMerchantId: 'SM_000421',
	merchantDisplayName: 'Kopi Corner',
	merchantMCC: '5812',
	referenceStoreId: 'ST_0007',
	storeName: 'Kopi Corner Orchard',
	storeMCC: '5812',
	legalName: 'Kopi Corner Pte Ltd',
	registrationType: 'ENTERPRISE_REGISTRATION_NO',
	registrationNo: '201912345K',
	registrationRegion: 'SG',
	additionalFields: {
		businessType: 'ENTERPRISE',
		contacts: { contact: [{ contactType: 'EMAIL', contactNo: 'owner@kopi.example' }] },
		merchantAddress: { address: { region: 'SG', city: 'Singapore', address1: '391 Orchard Road' } },
		registrationNotifyUrl: 'https://n8n.example.com/webhook/abc/registration',
	},
};

export interface RunAlipayOptions {
	sim: TestSimulator;
	parameters: INodeParameters;
	items?: IDataObject[];
	credentials?: ICredentialDataDecryptedObject;
	executionId?: string;
	settings?: WorkflowNodeSettings;
	runs?: number;
	retryOf?: NodeRun['run'];
}

/** Runs `Start → Alipay` in-process with the real credential and n8n-core's request path. */
export async function runAlipay(options: RunAlipayOptions): Promise<NodeRun> {
	return await runNode({
		nodeType: new Alipay(),
		credentialType: new AlipayApi(),
		credentials: options.credentials ?? simulatorCredentials(options.sim),
		parameters: options.parameters,
		items: options.items,
		executionId: options.executionId,
		settings: options.settings,
		runs: options.runs,
		retryOf: options.retryOf,
	});
}

/** Gateway requests the simulator received (its request log), newest first. */
export async function gatewayRequests(
	sim: TestSimulator,
): Promise<Array<{ path: string; endpoint?: string; [k: string]: unknown }>> {
	const { requests } = await sim.control<{ requests: Array<{ path: string; endpoint?: string }> }>(
		'GET',
		'/_sim/requests',
	);
	return requests;
}

/**
 * One simulator per test file, emptied before each test: `useSimulator((started) => (sim = started))`.
 */
export function useSimulator(onStart: (sim: TestSimulator) => void): void {
	let sim: TestSimulator | undefined;
	beforeAll(async () => {
		sim = await startTestSimulator();
		onStart(sim);
	});
	afterAll(async () => {
		await sim?.close();
	});
	beforeEach(async () => {
		await sim?.control('DELETE', '/_sim/data');
	});
}

/** A payment as the simulator's control API shows it. */
export interface SimPayment {
	paymentId: string;
	paymentRequestId: string;
	status: string;
	paymentAmount: { currency: string; value: string };
	refunds: Array<{ refundId: string; refundRequestId: string }>;
}

export async function simulatorPayments(sim: TestSimulator): Promise<SimPayment[]> {
	return (await sim.control<{ payments: SimPayment[] }>('GET', '/_sim/payments')).payments;
}
