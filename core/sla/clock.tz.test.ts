// Run only by the tz-* projects (vite.config.ts), whose workers start with TZ set far from Denver: the engine's
// hand-computed tables again, so any use of the host's zone in the clocks would fail them.
import './clock.test';
import './clock-pauses.test';
