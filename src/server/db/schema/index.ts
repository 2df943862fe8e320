export * from './companies';
export * from './dunning';
export * from './ledger';
export * from './organizations';
export * from './templates';
export * from './invoice-documents';
