import type { INodeProperties } from 'n8n-workflow';
import * as getRegistrationInfo from './getRegistrationInfo.operation';
import * as getRegistrationStatus from './getRegistrationStatus.operation';
import * as register from './register.operation';

export { getRegistrationInfo, getRegistrationStatus, register };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['merchant'] } },
		options: [
			{
				name: 'Get Registration Info',
				value: 'getRegistrationInfo',
				description:
					"Read back a secondary merchant's and store's successfully registered details (Alipay inquiryRegistrationInfo)",
				action: 'Get merchant registration info',
			},
			{
				name: 'Get Registration Status',
				value: 'getRegistrationStatus',
				description:
					"Check whether the wallets approved, rejected or are still reviewing a merchant's registration (Alipay inquiryRegistrationStatus)",
				action: 'Get merchant registration status',
			},
			{
				name: 'Register',
				value: 'register',
				description:
					'Submit a secondary merchant and its store for review by the wallets, needed before it can take payments; acquirers and payment facilitators only (Alipay registration)',
				action: 'Register merchant',
			},
		],
		default: 'register',
	},
	...register.description,
	...getRegistrationStatus.description,
	...getRegistrationInfo.description,
];
