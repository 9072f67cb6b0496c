export * from './validation';
export * from './errors';
export * from './limits';
export * from './dto/common';
export * from './dto/organisation';
export * from './dto/user';
export * from './dto/auth';
