export { signCompactToken, verifyCompactToken } from './compact.ts';
export { signToken, type TokenPurpose, verifyToken } from './tokens.ts';
