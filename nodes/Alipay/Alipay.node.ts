import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import * as merchant from './actions/merchant/Merchant.resource';
import * as payment from './actions/payment/Payment.resource';
import * as refund from './actions/refund/Refund.resource';
import { router } from './actions/router';

const resourceProperty: INodeProperties = {
	displayName: 'Resource',
	name: 'resource',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Merchant',
			value: 'merchant',
			description: 'Secondary merchants registered with the wallets',
		},
		{
			name: 'Payment',
			value: 'payment',
			description: 'Order codes customers scan, and their payments',
		},
		{
			name: 'Refund',
			value: 'refund',
			description: 'Money given back for a paid payment',
		},
	],
	default: 'payment',
};

const operationProperties = [...payment.description, ...refund.description, ...merchant.description];

/**
 * The canvas subtitle in the operation's own words: "Create Order Code", "Get Registration Info";
 * a one-word operation gets its resource ("Get Payment", "Get Refund", "Register Merchant").
 */
function subtitleExpression(): string {
	const resourceNames = new Map(
		(resourceProperty.options as INodePropertyOptions[]).map((o) => [o.value, o.name]),
	);
	const titles: Record<string, string> = {};
	for (const property of operationProperties) {
		if (property.name !== 'operation') continue;
		const resource = String(property.displayOptions?.show?.resource?.[0]);
		for (const option of property.options as INodePropertyOptions[]) {
			titles[`${resource}:${String(option.value)}`] = option.name.includes(' ')
				? option.name
				: `${option.name} ${resourceNames.get(resource) ?? ''}`.trim();
		}
	}
	return `={{ (${JSON.stringify(titles)})[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
}

/**
 * Alipay Global (Antom) Order Code Payment. Programmatic rather than declarative because every
 * response's signature must be verified over its raw bytes before anything is output.
 */
export class Alipay implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Alipay',
		name: 'alipay',
		icon: { light: 'file:alipay.svg', dark: 'file:alipay.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: subtitleExpression(),
		description: 'Create order codes customers scan with Alipay, check, cancel and refund payments, register merchants',
		defaults: { name: 'Alipay' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'alipayApi', required: true }],
		properties: [resourceProperty, ...operationProperties],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
