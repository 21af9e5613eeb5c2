import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import * as merchant from './actions/merchant/Merchant.resource';
import * as payment from './actions/payment/Payment.resource';
import * as refund from './actions/refund/Refund.resource';
import { router } from './actions/router';

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
		subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
		description:
			'Create Alipay order codes (QR codes customers scan to pay), check, cancel and refund payments, and register merchants',
		defaults: { name: 'Alipay' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'alipayApi', required: true }],
		properties: [
			{
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
			},
			...payment.description,
			...refund.description,
			...merchant.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
