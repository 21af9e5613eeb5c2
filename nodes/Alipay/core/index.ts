/** The protocol core: n8n-free, shared by the credential, both nodes, the simulator and the tests. */
export * from './amount';
export * from './binding';
export * from './client';
export * from './currencies';
export * from './endpoints';
export * from './errors';
export * from './fieldLabels';
export * from './gatewayUrl';
export * from './keys';
export * from './registrationTypes';
export * from './requestRules';
export * from './result';
export * from './retry';
export * from './signature';
export * from './time';
export * from './types';
export * from './validation';
