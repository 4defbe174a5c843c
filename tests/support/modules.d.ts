declare module 'express';
declare module 'express-pouchdb';
