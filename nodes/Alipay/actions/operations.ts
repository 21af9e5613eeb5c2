import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { EndpointName } from '../core';
import * as merchant from './merchant/Merchant.resource';
import type { AlipayNodeMap, AlipayResource, Operation } from './node.type';
import * as payment from './payment/Payment.resource';
import * as refund from './refund/Refund.resource';

/**
 * The node's operations in one place: the Resource and Operation parameters, the module that runs
 * each operation, and the names the canvas and error messages give them, derived from those lists.
 */

export const resourceProperty: INodeProperties = {
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

export const operationProperties: INodeProperties[] = [
	...payment.description,
	...refund.description,
	...merchant.description,
];

export const OPERATIONS: { [R in AlipayResource]: Record<AlipayNodeMap[R], Operation> } = {
	payment: {
		createOrderCode: payment.createOrderCode,
		get: payment.get,
		cancel: payment.cancel,
		refund: payment.refund,
		waitForResult: payment.waitForResult,
	},
	refund: { get: refund.get },
	merchant: {
		register: merchant.register,
		getRegistrationStatus: merchant.getRegistrationStatus,
		getRegistrationInfo: merchant.getRegistrationInfo,
	},
};

export function findOperation(resource: string, operation: string): Operation | undefined {
	return (OPERATIONS as Record<string, Record<string, Operation> | undefined>)[resource]?.[operation];
}

/**
 * Each operation's name in the operation's own words: "Create Order Code", "Get Registration Info";
 * a one-word operation gets its resource ("Get Payment", "Get Refund", "Register Merchant").
 * Keyed `resource:operation`.
 */
export const OPERATION_TITLES: Readonly<Record<string, string>> = (() => {
	const resourceNames = new Map((resourceProperty.options as INodePropertyOptions[]).map((o) => [o.value, o.name]));
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
	return titles;
})();

/** What each API is called in messages: the title of the operation that is its face in the node. */
export const ACTION_NAMES: Readonly<Partial<Record<EndpointName, string>>> = Object.fromEntries(
	Object.entries(OPERATIONS).flatMap(([resource, operations]) =>
		Object.entries(operations as Record<string, Operation>)
			.filter(([, module]) => module.endpoint !== undefined)
			.map(([operation, module]) => [module.endpoint, OPERATION_TITLES[`${resource}:${operation}`]]),
	),
);
