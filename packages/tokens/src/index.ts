export { signToken, type TokenPurpose, verifyToken } from './tokens.ts';
