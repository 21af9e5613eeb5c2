import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/**
 * Adds a resource/operation condition to every property of an operation, merged with the
 * property's own conditions (n8n's nodes-base helper of the same name lives outside
 * n8n-workflow, and its community copies pull in lodash).
 */
export function updateDisplayOptions(
	displayOptions: IDisplayOptions,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...displayOptions.show, ...property.displayOptions?.show },
			...(displayOptions.hide || property.displayOptions?.hide
				? { hide: { ...displayOptions.hide, ...property.displayOptions?.hide } }
				: {}),
		},
	}));
}
