export * from './credentials.js';
export * from './applications.js';
export * from './application-calendars.js';
export * from './demo.js';
export * from './element-tokens.js';
export * from './profiles.js';
