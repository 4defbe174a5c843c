import { z } from 'zod';
import { startEarly } from '$lib/early-start';

// zod compiles object parsers with `new Function` when it may, and its probe for that breaks the app's CSP
// (no 'unsafe-eval') on every page. Set before any schema is built: hooks load ahead of every page.
z.config({ jitless: true });

// Hooks run before any page's modules are evaluated: the database opens meanwhile.
startEarly();
