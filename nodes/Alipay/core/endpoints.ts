import type {
	InquiryRegistrationInfoRequest,
	InquiryRegistrationInfoResponse,
	InquiryRegistrationStatusRequest,
	InquiryRegistrationStatusResponse,
	RegistrationRequest,
	RegistrationResponse,
} from './registrationTypes';
import type {
	CancelRequest,
	CancelResponse,
	InquiryPaymentRequest,
	InquiryPaymentResponse,
	InquiryRefundRequest,
	InquiryRefundResponse,
	PayRequest,
	PayResponse,
	RefundRequest,
	RefundResponse,
} from './types';

/** The eight Order Code APIs (docs/protocol.md#endpoints-and-environments): where each lives and which field is its idempotency key. */
export type EndpointName =
	| 'pay'
	| 'inquiryPayment'
	| 'cancel'
	| 'refund'
	| 'inquiryRefund'
	| 'registration'
	| 'inquiryRegistrationStatus'
	| 'inquiryRegistrationInfo';

/** Client-id errors are spelled differently per API family (CLIENT_INVALID vs INVALID_CLIENT). */
export type EndpointFamily = 'payment' | 'registration';

export interface Endpoint {
	name: EndpointName;
	/** Path below `/ams/api` (or `/ams/sandbox/api`). */
	path: string;
	family: EndpointFamily;
	/** The idempotency key a retry must reuse; absent for inquiries and cancel (natural keys). */
	requestIdField?: 'paymentRequestId' | 'refundRequestId' | 'registrationRequestId';
}

export const ENDPOINTS: Readonly<Record<EndpointName, Endpoint>> = {
	pay: {
		name: 'pay',
		path: '/v1/payments/pay',
		family: 'payment',
		requestIdField: 'paymentRequestId',
	},
	inquiryPayment: {
		name: 'inquiryPayment',
		path: '/v1/payments/inquiryPayment',
		family: 'payment',
	},
	cancel: { name: 'cancel', path: '/v1/payments/cancel', family: 'payment' },
	refund: {
		name: 'refund',
		path: '/v1/payments/refund',
		family: 'payment',
		requestIdField: 'refundRequestId',
	},
	inquiryRefund: {
		name: 'inquiryRefund',
		path: '/v1/payments/inquiryRefund',
		family: 'payment',
	},
	registration: {
		name: 'registration',
		path: '/v1/merchants/registration',
		family: 'registration',
		requestIdField: 'registrationRequestId',
	},
	inquiryRegistrationStatus: {
		name: 'inquiryRegistrationStatus',
		path: '/v1/merchants/inquiryRegistrationStatus',
		family: 'registration',
	},
	inquiryRegistrationInfo: {
		name: 'inquiryRegistrationInfo',
		path: '/v1/merchants/inquiryRegistrationInfo',
		family: 'registration',
	},
};

export const PRODUCTION_PREFIX = '/ams/api';
export const SANDBOX_PREFIX = '/ams/sandbox/api';

/** The full signed path: `/ams/api/v1/payments/pay` or `/ams/sandbox/api/v1/payments/pay`. */
export function endpointPath(name: EndpointName, sandbox: boolean): string {
	return (sandbox ? SANDBOX_PREFIX : PRODUCTION_PREFIX) + ENDPOINTS[name].path;
}

/** Each API's request and answer types. */
export interface EndpointTypes {
	pay: [PayRequest, PayResponse];
	inquiryPayment: [InquiryPaymentRequest, InquiryPaymentResponse];
	cancel: [CancelRequest, CancelResponse];
	refund: [RefundRequest, RefundResponse];
	inquiryRefund: [InquiryRefundRequest, InquiryRefundResponse];
	registration: [RegistrationRequest, RegistrationResponse];
	inquiryRegistrationStatus: [InquiryRegistrationStatusRequest, InquiryRegistrationStatusResponse];
	inquiryRegistrationInfo: [InquiryRegistrationInfoRequest, InquiryRegistrationInfoResponse];
}

export type RequestOf<E extends keyof EndpointTypes> = EndpointTypes[E][0];
export type ResponseOf<E extends keyof EndpointTypes> = EndpointTypes[E][1];
