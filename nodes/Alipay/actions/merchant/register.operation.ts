import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { RegistrationRequest } from '../../core';
import { additionalBodyJsonField, addressField, outputProperty, retryOptions } from '../../descriptions/common';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import { compact, mergeDeep, parseJsonObject, text, toAddress, transportOptions } from '../../helpers/params';
import { defaultRequestId } from '../../helpers/requestId';
import { defined } from '../../helpers/simplify';
import { callAlipay, createAlipayClient } from '../../transport';
import type { OperationContext } from '../node.type';

const properties: INodeProperties[] = [
	{
		displayName: 'Reference Merchant ID',
		name: 'referenceMerchantId',
		type: 'string',
		default: '',
		required: true,
		description: 'Your ID of the secondary merchant (max 64 characters); later payments use the same ID',
	},
	{
		displayName: 'Merchant Display Name',
		name: 'merchantDisplayName',
		type: 'string',
		default: '',
		required: true,
		description: 'Name customers see in their wallet',
	},
	{
		displayName: 'Merchant MCC',
		name: 'merchantMCC',
		type: 'string',
		default: '',
		required: true,
		placeholder: '5812',
		description: "The merchant's 4-digit merchant category code",
	},
	{
		displayName: 'Reference Store ID',
		name: 'referenceStoreId',
		type: 'string',
		default: '',
		required: true,
		description: 'Your ID of the store (max 32 characters)',
	},
	{
		displayName: 'Store Name',
		name: 'storeName',
		type: 'string',
		default: '',
		required: true,
	},
	{
		displayName: 'Store MCC',
		name: 'storeMCC',
		type: 'string',
		default: '',
		required: true,
		placeholder: '5812',
		description: "The store's 4-digit merchant category code",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			additionalBodyJsonField,
			{
				displayName: 'Business Type',
				name: 'businessType',
				type: 'string',
				default: '',
				placeholder: 'ENTERPRISE',
				description: "Alipay's business type, e.g. ENTERPRISE or INDIVIDUAL",
			},
			{
				displayName: 'Contacts',
				name: 'contacts',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Contact',
				default: {},
				options: [
					{
						displayName: 'Contact',
						name: 'contact',
						values: [
							{
								displayName: 'Type',
								name: 'contactType',
								type: 'string',
								default: 'EMAIL',
								description: 'Alipay contact type, for example EMAIL or MOBILE_PHONE',
							},
							{
								displayName: 'Value',
								name: 'contactNo',
								type: 'string',
								default: '',
								description: 'The address or number',
							},
						],
					},
				],
			},
			{
				displayName: 'Legal Name',
				name: 'legalName',
				type: 'string',
				default: '',
				description: 'Registered legal name of the merchant',
			},
			{
				displayName: 'Logo Name',
				name: 'logoName',
				type: 'string',
				default: '',
			},
			{
				displayName: 'Logo URL',
				name: 'logoUrl',
				type: 'string',
				default: '',
				description: 'Downloadable URL of the logo',
			},
			addressField('merchantAddress', 'Merchant Address'),
			{
				displayName: 'Pass Through Info',
				name: 'passThroughInfo',
				type: 'string',
				default: '',
				description: 'Key-value JSON as text, passed to the wallets and echoed back',
			},
			addressField('registrationAddress', 'Registration Address'),
			{
				displayName: 'Registration No',
				name: 'registrationNo',
				type: 'string',
				default: '',
				description: 'Company registration number',
			},
			{
				displayName: 'Registration Notify URL',
				name: 'registrationNotifyUrl',
				type: 'string',
				default: '',
				description:
					"Where Alipay sends the review result: the Alipay Trigger node's Production URL ending in /registration",
			},
			{
				displayName: 'Registration Request ID',
				name: 'registrationRequestId',
				type: 'string',
				default: '',
				description:
					'Your unique ID for this registration (letters, digits, _ and -, max 64). Leave empty to use one derived from the execution and item, stable across n8n retries.',
			},
			{
				displayName: 'Registration Type',
				name: 'registrationType',
				type: 'string',
				default: '',
				placeholder: 'ENTERPRISE_REGISTRATION_NO',
			},
			addressField('storeAddress', 'Store Address'),
			{
				displayName: 'Website URL',
				name: 'websiteUrl',
				type: 'string',
				default: '',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: retryOptions,
	},
	outputProperty,
];

export const description = updateDisplayOptions(
	{ show: { resource: ['merchant'], operation: ['register'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	context: OperationContext,
): Promise<INodeExecutionData[]> {
	const param = (name: string) => text(this.getNodeParameter(name, itemIndex, ''));
	const additional = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const contacts = ((additional.contacts as IDataObject | undefined)?.contact ?? []) as IDataObject[];
	const websiteUrl = text(additional.websiteUrl);

	const request = mergeDeep(
		compact({
			registrationRequestId:
				text(additional.registrationRequestId) ??
				defaultRequestId.call(this, 'registrationRequestId', itemIndex, context.runIndex),
			registrationNotifyURL: text(additional.registrationNotifyUrl),
			passThroughInfo: text(additional.passThroughInfo),
			productCodes: ['IN_STORE_PAYMENT'],
			merchantInfo: {
				referenceMerchantId: param('referenceMerchantId'),
				merchantDisplayName: param('merchantDisplayName'),
				merchantMCC: param('merchantMCC'),
				logo: {
					logoName: text(additional.logoName),
					logoUrl: text(additional.logoUrl),
				},
				websites: websiteUrl ? [{ url: websiteUrl }] : undefined,
				merchantAddress: toAddress(additional.merchantAddress),
				registrationDetail: {
					legalName: text(additional.legalName),
					registrationType: text(additional.registrationType),
					registrationNo: text(additional.registrationNo),
					businessType: text(additional.businessType),
					registrationAddress: toAddress(additional.registrationAddress),
					contactInfo: contacts.length
						? contacts.map((c) => ({
								contactType: text(c.contactType),
								contactNo: text(c.contactNo),
							}))
						: undefined,
				},
			},
			storeInfo: {
				referenceStoreId: param('referenceStoreId'),
				storeName: param('storeName'),
				storeMCC: param('storeMCC'),
				storeAddress: toAddress(additional.storeAddress),
			},
		}) as IDataObject,
		parseJsonObject(additional.additionalBodyJson, 'additionalBodyJson'),
	) as unknown as RegistrationRequest;

	const client = createAlipayClient.call(this, context.credentials, transportOptions(options));
	const { response } = await callAlipay(client, 'registration', request);
	const raw = this.getNodeParameter('output', itemIndex, 'simplified') === 'raw';
	const json = raw
		? (response as unknown as IDataObject)
		: defined({
				// S only means "accepted for review"; the wallets' decision comes later (spec §3.6).
				registrationStatus: 'SUBMITTED',
				registrationRequestId: request.registrationRequestId,
				referenceMerchantId: request.merchantInfo.referenceMerchantId,
				referenceStoreId: request.storeInfo?.referenceStoreId,
				passThroughInfo: response.passThroughInfo,
			});
	return [{ json, pairedItem: { item: itemIndex } }];
}
