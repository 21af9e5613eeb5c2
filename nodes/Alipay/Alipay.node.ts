import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';
import { router } from './actions/router';
import { OPERATION_TITLES, operationProperties, resourceProperty } from './actions/operations';

/** The canvas subtitle: the operation's title ("Create Order Code", "Get Payment"). */
function subtitleExpression(): string {
	return `={{ (${JSON.stringify(OPERATION_TITLES)})[$parameter["resource"] + ":" + $parameter["operation"]] }}`;
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
