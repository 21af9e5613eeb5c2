import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NodeHelpers, type INodeProperties, type INodePropertyOptions } from 'n8n-workflow';
import { AlipayApi } from '../../../../credentials/AlipayApi.credentials';
import { Alipay } from '../../../../nodes/Alipay/Alipay.node';
import codex from '../../../../nodes/Alipay/Alipay.node.json';
import { name as packageName } from '../../../../package.json';
import { canvasSubtitle } from '../../../helpers/n8n';

const { description } = new Alipay();

function operationOptions(resource: string): INodePropertyOptions[] {
	const field = description.properties.find(
		(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
	) as INodeProperties;
	return field.options as INodePropertyOptions[];
}

describe('Alipay node description', () => {
	it('offers exactly its nine operations (the eight Order Code APIs and Wait for Result), each with an action sentence naming what it does', () => {
		const expected: Record<string, string[]> = {
			payment: ['cancel', 'createOrderCode', 'get', 'refund', 'waitForResult'],
			refund: ['get'],
			merchant: ['getRegistrationInfo', 'getRegistrationStatus', 'register'],
		};
		for (const [resource, operations] of Object.entries(expected)) {
			const options = operationOptions(resource);
			expect(options.map((o) => o.value).sort()).toEqual(operations);
			for (const option of options) {
				expect(option.action).toMatch(/^[A-Z][a-z]+ /);
				// The description names the Alipay API, so an AI agent can match it to the docs.
				expect(option.description).toMatch(/\(Alipay [a-zA-Z, ]+\)$/);
			}
		}
	});

	it('asks for the credential the package registers, by the name n8n looks it up with', () => {
		expect(description.credentials).toEqual([{ name: new AlipayApi().name, required: true }]);
	});

	it.each([
		['payment', 'createOrderCode', 'Create Order Code'],
		['payment', 'get', 'Get Payment'],
		['payment', 'cancel', 'Cancel Payment'],
		['payment', 'refund', 'Refund Payment'],
		['refund', 'get', 'Get Refund'],
		['merchant', 'register', 'Register Merchant'],
		['merchant', 'getRegistrationStatus', 'Get Registration Status'],
	])('the canvas subtitle of %s → %s reads "%s", evaluated as the editor does', (resource, operation, words) => {
		expect(canvasSubtitle(new Alipay(), { resource, operation })).toBe(words);
	});

	it('says in the node picker what the node does, in one short sentence', () => {
		expect(description.description).toMatch(/^Create order codes/);
		expect(description.description.length).toBeLessThanOrEqual(120);
	});

	it('its light and dark icons are two different SVG files, and the credential shows the same two', () => {
		/** The file an icon reference names, resolved from the folder of the class that declares it, as n8n does. */
		const filesOf = (icon: unknown, folder: string) =>
			Object.values(icon as { light: string; dark: string }).map((ref) => resolve(folder, ref.replace(/^file:/, '')));
		const root = join(__dirname, '..', '..', '..', '..');
		const files = filesOf(description.icon, join(root, 'nodes', 'Alipay'));
		const [light, dark] = files.map((file) => readFileSync(file, 'utf8'));
		expect(light).toMatch(/^<svg[\s>]/);
		expect(dark).toMatch(/^<svg[\s>]/);
		expect(dark).not.toBe(light);
		expect(filesOf(new AlipayApi().icon, join(root, 'credentials'))).toEqual(files);
	});

	it('has a codex file naming the node as n8n names it: package name, then node name', () => {
		expect(codex.node).toBe(`${packageName}.${description.name}`);
		expect(codex.categories).toContain('Finance & Accounting');
	});

	it('asks only for Amount, Currency, Order Description and Payment Notify URL; everything else is optional', () => {
		const fields = description.properties.filter(
			(p) =>
				p.displayOptions?.show?.operation?.includes('createOrderCode') &&
				p.displayOptions.show.resource?.includes('payment'),
		);
		const firstOptional = fields.findIndex((p) => !p.required);
		expect(fields.slice(0, firstOptional).map((p) => p.name)).toEqual([
			'amount',
			'currency',
			'orderDescription',
			'paymentNotifyUrl',
		]);
		expect(fields.slice(firstOptional).map((p) => p.name)).toEqual(['additionalFields', 'options', 'output']);
	});
});

describe('Alipay API credential description', () => {
	const credential = new AlipayApi();
	it('has the connection fields, then the optional shop (merchant and store) set once', () => {
		// Notices and the hidden field n8n needs for the credential test's probe are not fields users fill.
		const fields = credential.properties.filter((p) => p.type !== 'notice' && p.type !== 'hidden').map((p) => p.name);
		expect(fields).toEqual([
			'clientId',
			'environment',
			'gateway',
			'customBaseUrl',
			'privateKey',
			'alipayPublicKey',
			'keyVersion',
			'referenceMerchantId',
			'merchantName',
			'merchantMCC',
			'referenceStoreId',
			'storeName',
			'storeMCC',
		]);
		const shop = credential.properties.filter((p) => fields.indexOf(p.name) >= fields.indexOf('referenceMerchantId'));
		expect(shop).toHaveLength(6);
		expect(shop.filter((p) => p.required)).toEqual([]);
	});

	it('masks the private key but not the Alipay public key, and both take several rows', () => {
		const byName = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(byName.privateKey.typeOptions).toMatchObject({ password: true, rows: 4 });
		expect(byName.alipayPublicKey.typeOptions).toEqual({ rows: 4 });
		expect(byName.keyVersion.default).toBe(1);
		expect((byName.gateway.options as INodePropertyOptions[]).map((o) => o.value).sort()).toEqual([
			'asia',
			'custom',
			'europe',
			'northAmerica',
			'usMerchants',
		]);
	});

	it.each([
		['production', 'SANDBOX_5Y01', [true, false]],
		['production', '5Y01LIVE', [false, false]],
		['sandbox', '5Y01LIVE', [false, true]],
		['sandbox', 'SANDBOX_5Y01', [false, false]],
		['sandbox', '', [false, false]],
	])(
		'Environment %s with client ID "%s" shows the mismatch warnings %j (n8n displayParameter)',
		(environment, clientId, shown) => {
			const notices = credential.properties.filter((p) => p.type === 'notice' && p.name.includes('ClientNotice'));
			expect(notices.map((n) => NodeHelpers.displayParameter({ environment, clientId }, n, null, null))).toEqual(shown);
		},
	);

	it.each([
		['custom', 'http://pay.example', true],
		['custom', 'HTTP://pay.example', true],
		['custom', 'http://127.0.0.1:8787', true],
		['custom', 'https://pay.example', false],
		['custom', '', false],
		['asia', 'http://pay.example', false],
	])('Gateway %s with Custom Base URL %s shows the plain-http notice: %s (n8n displayParameter)', (gateway, customBaseUrl, shown) => {
		const notice = credential.properties.find((p) => p.name === 'plainHttpNotice')!;
		expect(NodeHelpers.displayParameter({ gateway, customBaseUrl }, notice, null, null)).toBe(shown);
	});
});
