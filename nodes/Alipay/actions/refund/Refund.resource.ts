import type { INodeProperties } from 'n8n-workflow';
import * as get from './get.operation';

export { get };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['refund'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Check whether a refund succeeded, failed or is still processing (Alipay inquiryRefund)',
				action: 'Get refund status',
			},
		],
		default: 'get',
	},
	...get.description,
];
