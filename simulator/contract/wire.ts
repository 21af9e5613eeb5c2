/**
 * The shapes the simulator's handlers read and write, as the contract (apis.ts) describes them.
 * Requests reach the handlers validated, with every scalar as text.
 */

export type ResultStatus = 'S' | 'F' | 'U';

export interface Result {
	resultCode: string;
	resultStatus: ResultStatus;
	resultMessage: string;
}

export interface Amount {
	currency: string;
	value: string;
}

export interface PspCustomerInfo {
	pspName?: string;
	pspCustomerId?: string;
	displayCustomerId?: string;
	displayCustomerName?: string;
}

export interface PayBody {
	productCode: string;
	paymentRequestId: string;
	order: {
		orderDescription: string;
		merchant: {
			referenceMerchantId: string;
			store: { referenceStoreId: string; [field: string]: unknown };
			[field: string]: unknown;
		};
		[field: string]: unknown;
	};
	paymentAmount: Amount;
	paymentMethod: { paymentMethodType: string };
	paymentFactor: { inStorePaymentScenario: string };
	paymentNotifyUrl: string;
	paymentExpiryTime?: string;
	settlementStrategy?: { settlementCurrency?: string };
}

export interface PaymentReference {
	paymentRequestId?: string;
	paymentId?: string;
}

export interface RefundBody {
	refundRequestId: string;
	paymentId: string;
	refundAmount: Amount;
	referenceRefundId?: string;
	refundReason?: string;
}

export interface RefundReference {
	refundRequestId?: string;
	refundId?: string;
}

export interface RegistrationBody {
	registrationRequestId: string;
	registrationNotifyURL?: string;
	passThroughInfo?: string;
	merchantInfo: { referenceMerchantId: string; [field: string]: unknown };
	productCodes: string[];
	storeInfo?: { referenceStoreId: string; [field: string]: unknown };
}

export interface RegistrationQuery {
	referenceMerchantId?: string;
	registrationRequestId?: string;
	referenceStoreId?: string;
}

export interface Transaction {
	transactionResult: Result;
	transactionId: string;
	transactionType: string;
	transactionStatus: string;
	transactionAmount?: Amount;
	transactionRequestId?: string;
	transactionTime?: string;
}

/** notifyPayment: both IDs of the payment, its result, and on success what was paid, when and by whom. */
export type PaymentNotification = Required<PaymentReference> & {
	notifyType: string;
	result: Result;
	pspCustomerInfo?: PspCustomerInfo;
} & Partial<Record<'paymentAmount' | 'actualPaymentAmount', Amount>> &
	Partial<Record<'paymentCreateTime' | 'paymentTime', string>>;

export interface RegistrationResult {
	registrationStatus?: string;
	rejectReasons?: string;
}

export interface RegistrationNotification {
	registrationRequestId?: string;
	referenceMerchantId?: string;
	referenceStoreId?: string;
	registrationResult?: RegistrationResult;
	pspRegistrationResultList?: Array<{ pspName: string; registrationResult?: RegistrationResult }>;
	[extra: string]: unknown;
}
