import { UserProfile } from '$core/schemas';
import * as api from './api';
import { ensureDeviceCode } from './device';
import { clearAllDrafts } from './drafts';
import { pwa } from './pwa-manager.svelte';
import { sync } from './sync-manager.svelte';

const PROFILE_KEY = 'hd:profile';
// A sign-out made offline still has to end the session on the server the next time it is reachable.
const LOGOUT_OWED_KEY = 'hd:logout-owed';

function storedProfile(): UserProfile | null {
	try {
		const parsed = UserProfile.safeParse(JSON.parse(localStorage.getItem(PROFILE_KEY) ?? 'null'));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

/** Who is signed in on this device. The profile is remembered so the app reopens offline for them. */
class SessionManager {
	#user = $state.raw<UserProfile | null>(null);
	#restored = $state(false);

	get user() {
		return this.#user;
	}
	/** The remembered profile has been read (the app knows whether someone is signed in). */
	get restored() {
		return this.#restored;
	}

	/** Reopens the app for the person who last signed in here, online or offline. */
	async restore(): Promise<void> {
		const profile = storedProfile();
		if (profile) {
			this.#user = profile;
			await sync.start(profile.username);
			void this.#refreshProfile();
		} else {
			void this.#settleOwedLogout();
		}
		this.#restored = true;
	}

	/** Signs in online; registers the device the first time. */
	async signIn(username: string, password: string): Promise<UserProfile> {
		await this.#settleOwedLogout();
		const previous = this.#user;
		const profile = await api.login(username.trim().toLowerCase(), password);
		await ensureDeviceCode();
		// Another person on a shared device: the previous person's data must not stay behind.
		if (previous && previous.username !== profile.username) await sync.destroy(previous.username);
		localStorage.setItem(PROFILE_KEY, JSON.stringify(profile));
		this.#user = profile;
		if (previous?.username === profile.username) sync.resume();
		else await sync.start(profile.username);
		void pwa.requestPersistence();
		return profile;
	}

	/** Signs out and wipes this person's local data from the device. */
	async signOut(): Promise<void> {
		const user = this.#user;
		localStorage.setItem(LOGOUT_OWED_KEY, '1');
		await this.#settleOwedLogout();
		localStorage.removeItem(PROFILE_KEY);
		clearAllDrafts();
		this.#user = null;
		if (user) await sync.destroy(user.username);
	}

	async #refreshProfile(): Promise<void> {
		// Offline, the remembered profile stands; an expired session is reported by the sync indicator.
		const profile = await api.me().catch(() => null);
		if (!profile || profile.username !== this.#user?.username) return;
		localStorage.setItem(PROFILE_KEY, JSON.stringify(profile));
		this.#user = profile;
	}

	async #settleOwedLogout(): Promise<void> {
		if (!localStorage.getItem(LOGOUT_OWED_KEY)) return;
		try {
			await api.logout();
			localStorage.removeItem(LOGOUT_OWED_KEY);
		} catch {
			// Offline: the server session is ended at the next sign-in or app start.
		}
	}
}

export const session = new SessionManager();
