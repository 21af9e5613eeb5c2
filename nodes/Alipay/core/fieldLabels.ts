/**
 * The form's name for each field an error can name (wire paths, node parameters, credential
 * fields), so an error's headline says "Store MCC" where the user typed it; Alipay's field path goes
 * in the description, for anyone reading the API docs. The one table: key errors, the node's and
 * the trigger's error messages and the credential test all read it.
 */
const LABELS: Record<string, string> = {
	paymentAmount: 'Amount',
	'paymentAmount.value': 'Amount',
	'paymentAmount.currency': 'Currency',
	'order.orderAmount': 'Amount',
	'order.orderAmount.value': 'Amount',
	'order.orderAmount.currency': 'Currency',
	'order.orderDescription': 'Order Description',
	'order.referenceOrderId': 'Reference Order ID',
	'order.merchant.referenceMerchantId': 'Reference Merchant ID',
	'order.merchant.merchantName': 'Merchant Name',
	'order.merchant.merchantMCC': 'Merchant MCC',
	'order.merchant.store.referenceStoreId': 'Reference Store ID',
	'order.merchant.store.storeName': 'Store Name',
	'order.merchant.store.storeMCC': 'Store MCC',
	paymentNotifyUrl: 'Payment Notify URL',
	paymentRedirectUrl: 'Payment Redirect URL',
	paymentRequestId: 'Payment Request ID',
	paymentId: 'Payment ID',
	codeExpiresAt: 'Code Expires At',
	'paymentRequestId or paymentId': 'Payment Request ID or Payment ID',
	'settlementStrategy.settlementCurrency': 'Settlement Currency',
	merchantRegion: 'Merchant Region',
	refundAmount: 'Refund Amount',
	'refundAmount.value': 'Refund Amount',
	'refundAmount.currency': 'Currency',
	refundRequestId: 'Refund Request ID',
	refundId: 'Refund ID',
	'refundRequestId or refundId': 'Refund Request ID or Refund ID',
	referenceRefundId: 'Reference Refund ID',
	refundReason: 'Refund Reason',
	registrationRequestId: 'Registration Request ID',
	registrationNotifyURL: 'Registration Notify URL',
	'registrationRequestId or referenceMerchantId or referenceStoreId':
		'Registration Request ID, Reference Merchant ID or Reference Store ID',
	passThroughInfo: 'Pass Through Info',
	'merchantInfo.referenceMerchantId': 'Reference Merchant ID',
	'merchantInfo.merchantMCC': 'Merchant MCC',
	'merchantInfo.merchantDisplayName': 'Merchant Display Name',
	'merchantInfo.registrationDetail.legalName': 'Legal Name',
	'merchantInfo.registrationDetail.registrationType': 'Registration Type',
	'merchantInfo.registrationDetail.registrationNo': 'Registration Number',
	'merchantInfo.registrationDetail.registrationAddress.region': 'Registration Region',
	'storeInfo.storeName': 'Store Name',
	'storeInfo.referenceStoreId': 'Reference Store ID',
	'storeInfo.storeMCC': 'Store MCC',
	referenceMerchantId: 'Reference Merchant ID',
	referenceStoreId: 'Reference Store ID',
	additionalBodyJson: 'Additional Body (JSON)',
	clientId: 'Client ID',
	environment: 'Environment',
	privateKey: 'Merchant Private Key',
	alipayPublicKey: 'Alipay Public Key',
	keyVersion: 'Key Version',
	customBaseUrl: 'Custom Base URL',
	gateway: 'Gateway',
};

export function fieldLabel(field: string): string {
	return LABELS[field] ?? field;
}

/** " Alipay field: order.merchant.storeMCC." for a description, or "" when the label is the path. */
export function fieldPathNote(field: string): string {
	return fieldLabel(field) === field ? '' : ` Alipay field: ${field}.`;
}
