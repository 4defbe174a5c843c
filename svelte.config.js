import adapter from '@sveltejs/adapter-static';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html' }),
		alias: { $core: 'core' },
		files: { src: 'web', assets: 'static', routes: 'web/routes', lib: 'web/lib', appTemplate: 'web/app.html' },
		serviceWorker: { register: false }
	}
};

export default config;
