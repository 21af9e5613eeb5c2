/**
 * Wire types of the payment and refund APIs and the payment notification, in Alipay's own names
 * (merchant registration: registrationTypes.ts). Every scalar is a string on the wire. Optional
 * extras Alipay may add are allowed through index signatures where Alipay's pages leave the shape
 * open.
 */
import type { AlipayResult } from './result';

export interface Amount {
	currency: string;
	/** Integer in the currency's minor unit, as a string (`"1250"` = 12.50 SGD). */
	value: string;
}

export interface Address {
	region?: string;
	state?: string;
	city?: string;
	address1?: string;
	address2?: string;
	zipCode?: string;
	label?: string;
}

export interface Store {
	referenceStoreId: string;
	storeName: string;
	storeMCC: string;
	storeDisplayName?: string;
	storeTerminalId?: string;
	storeOperatorId?: string;
	storeAddress?: Address;
	storePhoneNo?: string;
}

export interface Merchant {
	referenceMerchantId: string;
	merchantMCC: string;
	merchantName: string;
	merchantDisplayName?: string;
	merchantAddress?: Address;
	merchantRegisterDate?: string;
	merchantType?: string;
	store: Store;
}

export interface Env {
	storeTerminalId?: string;
	storeTerminalRequestTime?: string;
	[extra: string]: unknown;
}

export interface Goods {
	referenceGoodsId?: string;
	goodsName?: string;
	goodsCategory?: string;
	goodsBrand?: string;
	goodsUnitAmount?: Amount;
	goodsQuantity?: string;
	[extra: string]: unknown;
}

export interface Order {
	referenceOrderId?: string;
	orderDescription: string;
	orderAmount: Amount;
	merchant: Merchant;
	goods?: Goods[];
	buyer?: Record<string, unknown>;
	env?: Env;
	extendInfo?: string;
}

export interface PayRequest {
	productCode: 'IN_STORE_PAYMENT';
	paymentRequestId: string;
	order: Order;
	paymentAmount: Amount;
	paymentMethod: { paymentMethodType: string };
	paymentFactor: { inStorePaymentScenario: 'OrderCode' };
	paymentNotifyUrl: string;
	paymentExpiryTime?: string;
	paymentRedirectUrl?: string;
	settlementStrategy?: { settlementCurrency: string };
	merchantRegion?: string;
}

export interface CodeDetail {
	codeValueType?: 'QRCODE' | 'BARCODE' | string;
	codeValue: string;
	displayType: 'TEXT' | 'SMALLIMAGE' | 'MIDDLEIMAGE' | 'BIGIMAGE' | 'IMAGE' | string;
}

export interface OrderCodeForm {
	paymentMethodType?: string;
	expireTime?: string;
	codeDetails: CodeDetail[];
	extendInfo?: string;
}

export interface AlipayResponse {
	result: AlipayResult;
}

export interface PayResponse extends AlipayResponse {
	paymentRequestId?: string;
	paymentId?: string;
	paymentAmount?: Amount;
	paymentCreateTime?: string;
	orderCodeForm?: OrderCodeForm;
}

/** One of the two IDs; `paymentId` wins when both are present. */
export interface PaymentReference {
	paymentRequestId?: string;
	paymentId?: string;
}

export type InquiryPaymentRequest = PaymentReference;

export type PaymentStatus = 'SUCCESS' | 'FAIL' | 'PROCESSING' | 'CANCELLED' | 'PENDING';

export interface Transaction {
	transactionResult?: AlipayResult;
	transactionId?: string;
	transactionType?: 'PAYMENT' | 'REFUND' | 'CANCEL' | string;
	transactionStatus?: string;
	transactionAmount?: Amount;
	transactionRequestId?: string;
	transactionTime?: string;
}

export interface PspCustomerInfo {
	pspName?: string;
	pspCustomerId?: string;
	displayCustomerId?: string;
	displayCustomerName?: string;
}

export interface InquiryPaymentResponse extends AlipayResponse {
	paymentStatus?: PaymentStatus;
	paymentResultCode?: string;
	paymentResultMessage?: string;
	paymentRequestId?: string;
	paymentId?: string;
	paymentAmount?: Amount;
	actualPaymentAmount?: Amount;
	paymentCreateTime?: string;
	paymentTime?: string;
	pspCustomerInfo?: PspCustomerInfo;
	transactions?: Transaction[];
}

export type CancelRequest = PaymentReference;

export interface CancelResponse extends AlipayResponse {
	paymentId?: string;
	paymentRequestId?: string;
	cancelTime?: string;
}

export interface RefundRequest {
	refundRequestId: string;
	paymentId: string;
	refundAmount: Amount;
	referenceRefundId?: string;
	refundReason?: string;
}

export interface RefundResponse extends AlipayResponse {
	refundRequestId?: string;
	refundId?: string;
	paymentId?: string;
	refundAmount?: Amount;
	refundTime?: string;
}

export interface InquiryRefundRequest {
	refundRequestId?: string;
	refundId?: string;
}

export interface InquiryRefundResponse extends AlipayResponse {
	refundId?: string;
	refundRequestId?: string;
	refundAmount?: Amount;
	refundStatus?: 'SUCCESS' | 'PROCESSING' | 'FAIL' | string;
	refundTime?: string;
}

/** notifyPayment. */
export interface PaymentNotification {
	notifyType: 'PAYMENT_RESULT' | 'PAYMENT_PENDING' | 'OFFLINE_PAYMENT_CODE' | string;
	result?: AlipayResult;
	paymentRequestId: string;
	paymentId: string;
	paymentAmount?: Amount;
	actualPaymentAmount?: Amount;
	paymentCreateTime?: string;
	paymentTime?: string;
	pspCustomerInfo?: PspCustomerInfo;
	[extra: string]: unknown;
}

/** The fixed acknowledgement Alipay expects for a notification (docs/protocol.md#notifications). */
export const NOTIFICATION_ACK = {
	result: { resultCode: 'SUCCESS', resultStatus: 'S', resultMessage: 'success' },
} as const;
