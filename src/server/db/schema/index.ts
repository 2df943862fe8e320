export * from './companies';
export * from './dunning';
export * from './invoice-documents';
export * from './ledger';
export * from './organizations';
export * from './templates';
