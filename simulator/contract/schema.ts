import type { SourceId } from './sources';

/**
 * The shape of the contract: every field with its type, required-ness, length, allowed values and
 * the sources the rule was read from. Pure data, so tests and tools can walk it.
 */

/** String formats the documentation describes in words; the validator turns them into checks. */
export type StringFormat =
	| 'requestId'
	| 'datetime'
	| 'url'
	| 'minorUnits'
	| 'currency'
	| 'mcc'
	| 'region';

export interface FieldRule {
	type: 'string' | 'object' | 'array';
	/** Must be present (when its parent object is). */
	required?: boolean;
	maxLength?: number;
	values?: readonly string[];
	format?: StringFormat;
	/** Object children. */
	fields?: Readonly<Record<string, FieldRule>>;
	/** Array elements. */
	items?: FieldRule;
	maxItems?: number;
	/** Where the rule was read. */
	source: readonly SourceId[];
	/** Where sources disagree, and which side the contract takes. */
	disagreement?: string;
	/** Answers only: when Alipay returns the field. */
	returned?: string;
}

/** A rule about several fields at once. */
export type CrossRule =
	| { kind: 'anyOf'; fields: readonly string[]; source: readonly SourceId[]; disagreement?: string }
	| {
			kind: 'requiredWhen';
			field: string;
			/** Required when the array at `when` contains `includes`. */
			when: string;
			includes: string;
			source: readonly SourceId[];
	  };

/** The Order Code APIs under `/v1/payments`, and the merchant registration ones under `/v1/merchants`. */
export type PaymentApiName = 'pay' | 'inquiryPayment' | 'cancel' | 'refund' | 'inquiryRefund';
export type RegistrationApiName = 'registration' | 'inquiryRegistrationStatus' | 'inquiryRegistrationInfo';
export type ApiName = PaymentApiName | RegistrationApiName;

export type NotificationName = 'notifyPayment' | 'notifyRegistrationStatus';

export interface ApiContract {
	name: ApiName;
	/** Below `/ams/api` (production) or `/ams/sandbox/api` (sandbox). */
	path: string;
	/** The family decides how the gateway spells a bad client ID (CLIENT_INVALID / INVALID_CLIENT). */
	family: 'payment' | 'registration';
	request: Readonly<Record<string, FieldRule>>;
	requestRules?: readonly CrossRule[];
	response: Readonly<Record<string, FieldRule>>;
	/** Result codes the API's page lists, with their status. */
	resultCodes: Readonly<Record<string, 'S' | 'F' | 'U'>>;
	source: readonly SourceId[];
}

export interface NotificationContract {
	name: NotificationName;
	/** Sent to the URL in this request field (or the one configured in the Antom Dashboard). */
	urlField: string;
	body: Readonly<Record<string, FieldRule>>;
	/** What the merchant answers to acknowledge. */
	acknowledgement: Readonly<Record<string, FieldRule>>;
	source: readonly SourceId[];
}

// Builders keep the table readable; each takes its sources explicitly.
type Extra = Omit<FieldRule, 'type' | 'source'>;

export function str(source: readonly SourceId[], extra: Extra = {}): FieldRule {
	return { type: 'string', source, ...extra };
}

export function obj(source: readonly SourceId[], fields: Record<string, FieldRule>, extra: Extra = {}): FieldRule {
	return { type: 'object', source, fields, ...extra };
}

export function arr(source: readonly SourceId[], items: FieldRule, extra: Extra = {}): FieldRule {
	return { type: 'array', source, items, ...extra };
}

export function required(rule: FieldRule): FieldRule {
	return { ...rule, required: true };
}
