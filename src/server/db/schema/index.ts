export * from './companies';
export * from './ledger';
export * from './organizations';
