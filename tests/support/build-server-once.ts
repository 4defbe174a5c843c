import { buildServer } from '../../scripts/build-server';

/** Global setup: builds the server once for the whole run; every test process starts that bundle (see startServer). */
export default async function buildServerOnce(): Promise<void> {
	process.env.SERVER_BUNDLE = await buildServer();
}
