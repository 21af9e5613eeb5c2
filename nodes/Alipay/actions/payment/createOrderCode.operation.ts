import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { formatIsoWithOffset, normaliseCurrency, type PayRequest, type PayResponse } from '../../core';
import {
	additionalBodyJsonField,
	additionalFieldsCollection,
	addressField,
	amountUnitOption,
	batchingOption,
	currencyField,
	maxAttemptsOption,
	optionsCollection,
	outputProperty,
	retryDelayOption,
	timeoutOption,
} from '../../descriptions/common';
import {
	merchantMccField,
	merchantNameField,
	referenceMerchantIdField,
	referenceStoreIdField,
	storeMccField,
	storeNameField,
} from '../../descriptions/shop';
import { updateDisplayOptions } from '../../helpers/displayOptions';
import {
	type AmountUnit,
	text,
	toAddress,
	toWireAmount,
	transportOptions,
	withAdditionalBody,
} from '../../helpers/params';
import { defaultRequestId } from '../../helpers/requestId';
import { qrCodeBinary, qrCodeImageOptions, readQrImageOptions } from '../../helpers/orderCodeImage';
import { shopValue } from '../../helpers/shop';
import { amountView, withoutUndefined, pickCodeDetail } from '../../helpers/simplify';
import { createAlipayClient } from '../../transport';
import type { ShopField } from '../../transport/credentials';
import type { OperationExecute } from '../node.type';

const properties: INodeProperties[] = [
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 12.50',
		description: 'What the customer pays, in major units (12.50) unless Options → Amount Unit is Minor Units',
	},
	currencyField('ISO 4217 code of the amount, e.g. SGD, USD, HKD, JPY'),
	{
		displayName: 'Order Description',
		name: 'orderDescription',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Flat white x2, croissant',
		description: 'Shown to the customer in their wallet (max 256 characters)',
	},
	{
		displayName: 'Payment Notify URL',
		name: 'paymentNotifyUrl',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. https://n8n.example.com/webhook/…/payment',
		description: "Where Alipay sends the payment result: the Alipay Trigger node's Production URL ending in /payment",
	},
	// The merchant and store usually come from the credential; these override them per order.
	additionalFieldsCollection([
		additionalBodyJsonField,
		{
			displayName: 'Code Validity (Minutes)',
			name: 'codeValidityMinutes',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 30, numberPrecision: 0 },
			default: 3,
			description:
				'How long the customer can pay with the code; without it your Antom contract decides (usually 3 minutes)',
		},
		addressField('merchantAddress', 'Merchant Address'),
		{
			displayName: 'Merchant Display Name',
			name: 'merchantDisplayName',
			type: 'string',
			default: '',
			description: 'Name shown in the wallet',
		},
		merchantMccField,
		merchantNameField,
		{
			displayName: 'Merchant Region',
			name: 'merchantRegion',
			type: 'string',
			default: '',
			placeholder: 'e.g. SG',
			description: "Two-letter code of the merchant's country; needed only on the Global Acquirer Gateway",
		},
		{
			displayName: 'Payment Redirect URL',
			name: 'paymentRedirectUrl',
			type: 'string',
			default: '',
			description: 'Page the customer sees in the wallet after paying',
		},
		{
			displayName: 'Payment Request ID',
			name: 'paymentRequestId',
			type: 'string',
			default: '',
			description:
				'Your unique ID for this payment (letters, digits, _ and -, max 64). Leave empty to use one derived from the execution and item, which stays the same when n8n retries the node or the execution, so neither creates a second payment.',
		},
		referenceMerchantIdField,
		{
			displayName: 'Reference Order ID',
			name: 'referenceOrderId',
			type: 'string',
			default: '',
			description: 'Your order number',
		},
		referenceStoreIdField,
		{
			displayName: 'Settlement Currency',
			name: 'settlementCurrency',
			type: 'string',
			default: '',
			placeholder: 'e.g. SGD',
			description:
				'Currency you are settled in, sent only when set; leave empty to let your Antom contract decide',
		},
		addressField('storeAddress', 'Store Address'),
		{
			displayName: 'Store Display Name',
			name: 'storeDisplayName',
			type: 'string',
			default: '',
		},
		storeMccField,
		storeNameField,
		{
			displayName: 'Store Operator ID',
			name: 'storeOperatorId',
			type: 'string',
			default: '',
			description: 'ID of the cashier',
		},
		{
			displayName: 'Store Terminal ID',
			name: 'storeTerminalId',
			type: 'string',
			default: '',
			description: 'ID of the POS or kiosk',
		},
	]),
	optionsCollection([
		amountUnitOption,
		batchingOption,
		maxAttemptsOption,
		...qrCodeImageOptions,
		retryDelayOption,
		timeoutOption,
	]),
	outputProperty,
];

export const description = updateDisplayOptions({ show: { resource: ['payment'], operation: ['createOrderCode'] } }, properties);

/** The API this operation calls. */
export const endpoint = 'pay' as const;

export const execute: OperationExecute = async function (itemIndex, context) {
	const param = (name: string) => context.parameters.read(name, itemIndex, '') as string;
	const additional = context.parameters.read('additionalFields', itemIndex, {}) as IDataObject;
	const shop = (field: ShopField, wirePath: string) =>
		shopValue(additional[field], context.credentials.shop, field, wirePath, 'under Additional Fields');
	const options = context.parameters.read('options', itemIndex, {}) as IDataObject;
	const output = context.parameters.read('output', itemIndex, 'simplified') as string;

	const amount = toWireAmount(
		param('amount'),
		param('currency'),
		(options.amountUnit as AmountUnit) ?? 'major',
		'paymentAmount',
	);
	const paymentRequestId =
		text(additional.paymentRequestId) ?? defaultRequestId.call(this, 'paymentRequestId', itemIndex, context.runIndex);
	const now = Date.now();
	const validityMinutes = Number(additional.codeValidityMinutes);
	const storeTerminalId = text(additional.storeTerminalId);
	const settlementCurrency = text(additional.settlementCurrency);

	const request = withAdditionalBody<PayRequest>(
		{
			productCode: 'IN_STORE_PAYMENT',
			paymentRequestId,
			order: {
				referenceOrderId: text(additional.referenceOrderId),
				orderDescription: text(param('orderDescription')),
				orderAmount: amount,
				merchant: {
					referenceMerchantId: shop('referenceMerchantId', 'order.merchant.referenceMerchantId'),
					merchantMCC: shop('merchantMCC', 'order.merchant.merchantMCC'),
					merchantName: shop('merchantName', 'order.merchant.merchantName'),
					merchantDisplayName: text(additional.merchantDisplayName),
					merchantAddress: toAddress(additional.merchantAddress),
					store: {
						referenceStoreId: shop('referenceStoreId', 'order.merchant.store.referenceStoreId'),
						storeName: shop('storeName', 'order.merchant.store.storeName'),
						storeMCC: shop('storeMCC', 'order.merchant.store.storeMCC'),
						storeDisplayName: text(additional.storeDisplayName),
						storeAddress: toAddress(additional.storeAddress),
						storeTerminalId,
						storeOperatorId: text(additional.storeOperatorId),
					},
				},
				env: storeTerminalId
					? {
							storeTerminalId,
							storeTerminalRequestTime: formatIsoWithOffset(new Date(now)),
						}
					: undefined,
			},
			paymentAmount: amount,
			paymentMethod: { paymentMethodType: 'CONNECT_WALLET' },
			paymentFactor: { inStorePaymentScenario: 'OrderCode' },
			paymentNotifyUrl: text(param('paymentNotifyUrl')),
			paymentExpiryTime:
				validityMinutes > 0 ? formatIsoWithOffset(new Date(now + validityMinutes * 60_000)) : undefined,
			paymentRedirectUrl: text(additional.paymentRedirectUrl),
			// Only when asked: a merchant settled in another currency than the payment's would be refused.
			settlementStrategy: settlementCurrency
				? { settlementCurrency: normaliseCurrency(settlementCurrency, 'settlementStrategy.settlementCurrency') }
				: undefined,
			merchantRegion: text(additional.merchantRegion)?.toUpperCase(),
		},
		additional,
	);

	const qrImage = readQrImageOptions.call(this, options, itemIndex);
	const transport = { ...transportOptions(options), throttle: context.throttle };
	const client = createAlipayClient.call(this, context.credentials, transport);
	const { response } = await client.call(endpoint, request);

	const code = pickCodeDetail(response.orderCodeForm?.codeDetails);
	const json: IDataObject =
		output === 'raw'
			? (response as unknown as IDataObject)
			: simplifyOrderCode(response, request, code?.codeValue);

	const item: INodeExecutionData = { json };
	if (qrImage) {
		item.binary = await qrCodeBinary.call(this, qrImage, response, response.paymentId ?? request.paymentRequestId, itemIndex);
	}
	return [item];
};

function simplifyOrderCode(
	response: PayResponse,
	request: PayRequest,
	codeValue: string | undefined,
): IDataObject {
	return withoutUndefined({
		paymentId: response.paymentId,
		paymentRequestId: response.paymentRequestId ?? request.paymentRequestId,
		// The code exists; nobody has paid it yet.
		paymentStatus: 'PROCESSING',
		codeValue,
		// Some answers carry no expireTime: then the expiry this request asked for.
		codeExpiresAt: response.orderCodeForm?.expireTime ?? request.paymentExpiryTime,
		...amountView(response.paymentAmount),
		paymentCreateTime: response.paymentCreateTime,
	});
}
