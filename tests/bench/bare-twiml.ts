/** The phone benchmark's anchor: a bare Hono route answering a fixed TwiML to any POST (reads the form, checks nothing). */
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const [port, twimlFile] = process.argv.slice(2);
const twiml = readFileSync(twimlFile, 'utf8');
const app = new Hono();
app.post('*', async (c) => {
	await c.req.parseBody();
	return c.body(twiml, 200, { 'content-type': 'text/xml' });
});
serve({ fetch: app.fetch, port: Number(port), hostname: '127.0.0.1' }, () => console.log('bare twiml ready'));
