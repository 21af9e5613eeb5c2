import type { INodeProperties, INodePropertyCollection } from 'n8n-workflow';

/** Field groups several operations share. Each operation scopes them with updateDisplayOptions. */

export const outputProperty: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	options: [
		{
			name: 'Simplified',
			value: 'simplified',
			description: 'The fields a workflow needs, flat, with amounts in major and minor units',
		},
		{
			name: 'Raw',
			value: 'raw',
			description: "Alipay's response exactly as received (after its signature was verified)",
		},
	],
	default: 'simplified',
};

export const amountUnitOption: INodeProperties = {
	displayName: 'Amount Unit',
	name: 'amountUnit',
	type: 'options',
	options: [
		{
			name: 'Major Units (12.50)',
			value: 'major',
			description: 'As people write prices',
		},
		{
			name: 'Minor Units (1250)',
			value: 'minor',
			description: "The currency's smallest unit, as Alipay stores it",
		},
	],
	default: 'major',
};

/** Network and `U` retries of the same request (same request ID), then "outcome unknown". */
export const maxAttemptsOption: INodeProperties = {
	displayName: 'Max Attempts',
	name: 'maxAttempts',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 10, numberPrecision: 0 },
	default: 3,
	description:
		'How often to send the same request (same request ID) when the connection fails or Alipay answers "unknown"; after the last one the item fails as outcome unknown, never as success',
};

export const retryDelayOption: INodeProperties = {
	displayName: 'Retry Delay (Seconds)',
	name: 'retryDelaySeconds',
	type: 'number',
	typeOptions: { minValue: 0, numberPrecision: 2 },
	default: 1,
	description: 'Wait before the first repeat; it doubles for each further one',
};

export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeoutSeconds',
	type: 'number',
	typeOptions: { minValue: 1, numberPrecision: 0 },
	default: 15,
	description: 'How long to wait for Alipay before treating the attempt as unanswered',
};

/**
 * Shaped like the HTTP Request node's Batching (options.batching.batch), so users know it. One
 * difference, for payments: a batch waits for all its answers before the next one starts.
 */
export const batchingOption: INodeProperties = {
	displayName: 'Batching',
	name: 'batching',
	placeholder: 'Add Batching',
	type: 'fixedCollection',
	typeOptions: { multipleValues: false },
	default: { batch: {} },
	options: [
		{
			displayName: 'Batching',
			name: 'batch',
			values: [
				{
					displayName: 'Items per Batch',
					name: 'batchSize',
					type: 'number',
					typeOptions: { minValue: 1, numberPrecision: 0 },
					default: 10,
					description:
						'How many items are sent to Alipay at the same time. The next batch starts when every item of this one has its answer. 1 sends them one after another.',
				},
				{
					displayName: 'Batch Interval (Ms)',
					name: 'batchInterval',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description: 'Pause between batches, in milliseconds, to stay under a rate limit',
				},
			],
		},
	],
};

export function currencyField(description: string): INodeProperties {
	return {
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. SGD',
		description,
	};
}

/** In display-name order, as n8n's lint wants collection options. */
export const retryOptions: INodeProperties[] = [maxAttemptsOption, retryDelayOption, timeoutOption];

const addressValues: INodeProperties[] = [
	{
		displayName: 'Region',
		name: 'region',
		type: 'string',
		default: '',
		placeholder: 'e.g. SG',
		description: 'ISO 3166 two-letter country or region code',
	},
	{ displayName: 'State', name: 'state', type: 'string', default: '' },
	{ displayName: 'City', name: 'city', type: 'string', default: '' },
	{
		displayName: 'Address Line 1',
		name: 'address1',
		type: 'string',
		default: '',
	},
	{
		displayName: 'Address Line 2',
		name: 'address2',
		type: 'string',
		default: '',
	},
	{ displayName: 'Zip Code', name: 'zipCode', type: 'string', default: '' },
];

export function addressField(name: string, displayName: string): INodeProperties {
	const values: INodePropertyCollection = {
		displayName: 'Address',
		name: 'address',
		values: addressValues,
	};
	return {
		displayName,
		name,
		type: 'fixedCollection',
		placeholder: 'Add Address',
		default: {},
		options: [values],
	};
}

export const additionalBodyJsonField: INodeProperties = {
	displayName: 'Additional Body (JSON)',
	name: 'additionalBodyJson',
	type: 'json',
	default: '{}',
	description:
		"Any other field Alipay's API accepts, in Alipay's names; merged into the request last (objects merged, other values replaced)",
};

interface FindByChoice {
	value: string;
	name: string;
	description: string;
}

export function findByProperties(
	...choices: [FindByChoice, FindByChoice, ...FindByChoice[]]
): INodeProperties[] {
	const idField = (o: FindByChoice): INodeProperties => ({
		displayName: o.name,
		name: o.value,
		type: 'string',
		default: '',
		required: true,
		description: o.description,
		displayOptions: { show: { findBy: [o.value] } },
	});
	const findBy: INodeProperties = {
		displayName: 'Find By',
		name: 'findBy',
		type: 'options',
		options: choices.map((o) => ({ name: o.name, value: o.value })),
		default: '',
	};
	// The first way to find is the default; set here because lint reads only literal defaults.
	return [{ ...findBy, default: choices[0].value }, ...choices.map(idField)];
}

// Payment ID first: it is the ID outputs, notifications and the wallet show.
export const paymentReferenceProperties = findByProperties(
	{
		value: 'paymentId',
		name: 'Payment ID',
		description: "Alipay's ID of the payment, as Create Order Code, the Alipay Trigger and Get output it",
	},
	{
		value: 'paymentRequestId',
		name: 'Payment Request ID',
		description:
			'The ID the payment was created with: the only way to find it when Create Order Code got no answer',
	},
);

/** An operation's Options collection. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}

/** The Options collection of operations whose only options are the retry settings. */
export const retryOptionsCollection = optionsCollection([batchingOption, ...retryOptions]);

/** Optional fields of an operation, in display-name order. */
export function additionalFieldsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}
