/**
 * A CouchDB-protocol server for tests of the remote-store mode (Apache CouchDB cannot be installed here):
 * express-pouchdb over LevelDB. Usage: tsx tests/support/couch-standin.ts <port> <dir>
 */
import { mkdirSync } from 'node:fs';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb';

const [port, dir] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
const LocalPouch = PouchDB.defaults({ prefix: `${dir}/` } as PouchDB.Configuration.DatabaseConfiguration);
const app = express();
app.use('/', expressPouchDB(LocalPouch, { mode: 'minimumForPouchDB', configPath: `${dir}/config.json`, logPath: `${dir}/log.txt` }));
app.listen(Number(port), '127.0.0.1', () => console.log(`couch stand-in ready on ${port}`));
