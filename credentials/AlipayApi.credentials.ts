import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import {
	ENDPOINTS,
	PRODUCTION_PREFIX,
	REGION_HOSTS,
	resultCodeSpellings,
	RESULT_HINTS,
	SANDBOX_PREFIX,
} from '../nodes/Alipay/core';
import { checkCredential } from '../nodes/Alipay/transport/credentialCheck';
import { CREDENTIAL_CHECK_FIELD, signGatewayRequest } from '../nodes/Alipay/transport/credentials';

/** The result codes that mean "these credentials are wrong"; their hints name the field to fix. */
const REJECTION_CODES = [
	'INVALID_SIGNATURE',
	'CLIENT_INVALID',
	'KEY_NOT_FOUND',
	'ACCESS_DENIED',
	'NO_INTERFACE_DEF',
	'INVALID_API',
] as const;

/**
 * The shop, set once: Create Order Code sends it with every order and Register uses it for fields
 * left empty; a value entered in the node wins. Optional, so one credential can serve many shops.
 */
const SHOP_PROPERTIES: INodeProperties[] = [
	{
		displayName:
			'<b>Your shop</b> (optional): Create Order Code sends these with every order, and Register uses them for fields left empty. A value entered in the node wins.',
		name: 'shopNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Reference Merchant ID',
		name: 'referenceMerchantId',
		type: 'string',
		default: '',
		placeholder: 'e.g. M-KOPI-CORNER',
		description: 'Your ID of the merchant, max 64 characters; the same in registration and payments',
	},
	{
		displayName: 'Merchant Name',
		name: 'merchantName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Kopi Corner Pte Ltd',
		description: "The merchant's legal or business name",
	},
	{
		displayName: 'Merchant MCC',
		name: 'merchantMCC',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5812',
		description: "The merchant's 4-digit merchant category code",
	},
	{
		displayName: 'Reference Store ID',
		name: 'referenceStoreId',
		type: 'string',
		default: '',
		placeholder: 'e.g. S-ORCHARD',
		description: 'Your ID of the store where customers pay, max 32 characters',
	},
	{
		displayName: 'Store Name',
		name: 'storeName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Kopi Corner Orchard Road',
	},
	{
		displayName: 'Store MCC',
		name: 'storeMCC',
		type: 'string',
		default: '',
		placeholder: 'e.g. 5812',
		description: "The store's 4-digit merchant category code",
	},
];

export class AlipayApi implements ICredentialType {
	name = 'alipayApi';

	displayName = 'Alipay API';

	icon = {
		light: 'file:../nodes/Alipay/alipay.svg',
		dark: 'file:../nodes/Alipay/alipay.dark.svg',
	} as const;

	documentationUrl = 'https://github.com/n8n-nodes-alipay/n8n-nodes-alipay#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. SANDBOX_5Y…',
			description:
				'From Antom Dashboard → Developer → Quick start → Integration resources. Sandbox client IDs start with SANDBOX_.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: 'Test payments under /ams/sandbox/api; no money moves',
				},
				{
					name: 'Production',
					value: 'production',
					description: 'Live payments under /ams/api',
				},
			],
			default: 'sandbox',
		},
		{
			displayName:
				'This Client ID starts with SANDBOX_ but Environment is Production: Alipay will reject every call. Choose Sandbox.',
			name: 'productionWithSandboxClientNotice',
			type: 'notice',
			default: '',
			displayOptions: {
				show: {
					environment: ['production'],
					clientId: [{ _cnd: { startsWith: 'SANDBOX_' } }],
				},
			},
		},
		{
			displayName:
				'Sandbox client IDs always start with SANDBOX_. Check the Client ID, or choose Production for a live client ID.',
			name: 'sandboxWithProductionClientNotice',
			type: 'notice',
			default: '',
			// Not a regex condition: n8n runs those in a sandbox with a timeout on every credential read
			// (for the trigger: every notification), which a profile showed as costly under load.
			displayOptions: {
				show: { environment: ['sandbox'] },
				hide: { clientId: ['', { _cnd: { startsWith: 'SANDBOX_' } }] },
			},
		},
		{
			displayName: 'Gateway',
			name: 'gateway',
			type: 'options',
			options: [
				{ name: 'Asia (open-sea-global.alipay.com)', value: 'asia' },
				{
					name: 'Custom Base URL',
					value: 'custom',
					description: 'A proxy, or the local Alipay simulator',
				},
				{ name: 'Europe (open-de-global.alipay.com)', value: 'europe' },
				{
					name: 'North America (open-na-global.alipay.com)',
					value: 'northAmerica',
				},
				{ name: 'US Merchants (open.antglobal-us.com)', value: 'usMerchants' },
			],
			default: 'asia',
			description: 'The domain Antom Dashboard shows for your account under Integration resources',
		},
		{
			displayName: 'Custom Base URL',
			name: 'customBaseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. http://127.0.0.1:8787',
			description:
				'The gateway origin, without /ams/api: the node adds the API path itself. A path after the host is taken as the prefix of a proxy that removes it before forwarding to Alipay; signatures cover the path Alipay receives.',
			displayOptions: { show: { gateway: ['custom'] } },
		},
		{
			displayName:
				'Plain http:// sends payment data and signatures unencrypted: use it only to this machine (the local simulator). To any other machine the credential test fails and every run warns; use https://.',
			name: 'plainHttpNotice',
			type: 'notice',
			default: '',
			// Prefix conditions, not a regex telling this machine from others: n8n runs regex conditions
			// in a sandbox with a timeout on every credential read (for the trigger, every notification),
			// and under load that timeout failed notifications. The exact judgement stays in the run's
			// warning and the credential test (isLoopbackHost).
			displayOptions: {
				show: {
					gateway: ['custom'],
					customBaseUrl: [{ _cnd: { startsWith: 'http://' } }, { _cnd: { startsWith: 'HTTP://' } }],
				},
			},
		},
		{
			displayName: 'Merchant Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			required: true,
			description:
				'Your RSA private key (2048 bits or more) that signs every request: PEM, or the one-line base64 (MIIE…) Antom Dashboard shows once when it generates your keys. Never shown in outputs or logs.',
		},
		{
			displayName: 'Alipay Public Key',
			name: 'alipayPublicKey',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			description:
				"The Antom (Alipay) public key from Antom Dashboard → Developer → Quick start → Integration resources (MIIBIj…), used to verify every answer and notification. Not your own public key.",
		},
		{
			displayName: 'Key Version',
			name: 'keyVersion',
			type: 'number',
			typeOptions: { minValue: 1, numberPrecision: 0 },
			default: 1,
			description: 'Which of your keys Alipay should verify with; leave 1 unless you replaced keys',
		},
		...SHOP_PROPERTIES,
		{
			// Empty, so n8n runs preAuthentication (the probe) for the credential test; workflow runs
			// hand n8n a copy with it filled in, so they never pay for the probe.
			displayName: 'Credential Check',
			name: CREDENTIAL_CHECK_FIELD,
			type: 'hidden',
			typeOptions: { expirable: true },
			default: '',
		},
	];

	/**
	 * The credential test's proof of both keys (see checkCredential): a signed inquiry whose answer
	 * must be signed by the key in Alipay Public Key. Throwing fails the test with the message; it
	 * returns nothing to store.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		await checkCredential.call(this, credentials);
		return {};
	}

	/**
	 * Signs the exact body string that will be sent (docs/protocol.md#content-to-sign). Key problems are thrown here,
	 * before anything is sent; their messages name the field and never contain key material.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return signGatewayRequest(credentials, requestOptions);
	}

	/**
	 * A signed inquiry for a payment that cannot exist: ORDER_NOT_EXIST proves the gateway accepted
	 * client ID, key version and signature. The URL follows Gateway and Environment.
	 */
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			// resolveGateway as expressions (n8n only evaluates expressions here); a test holds them to it,
			// and the probe has applied its checks first (docs/credential-test.md).
			baseURL: `={{ $credentials.gateway === "custom" ? String($credentials.customBaseUrl).trim().replace(/\\/+$/, "") : (${JSON.stringify(REGION_HOSTS)})[$credentials.gateway] }}`,
			url: `={{ $credentials.environment === "production" ? "${PRODUCTION_PREFIX}" : "${SANDBOX_PREFIX}" }}${ENDPOINTS.inquiryPayment.path}`,
			body: { paymentRequestId: 'n8n-credential-test-0000000000000000' },
		},
		rules: REJECTION_CODES.flatMap((code) =>
			resultCodeSpellings(code).map((value) => ({
				type: 'responseSuccessBody' as const,
				properties: { key: 'result.resultCode', value, message: RESULT_HINTS[code] },
			})),
		),
	};
}
