import { UserProfile } from '$core/schemas';
import * as api from './api';
import { ensureDeviceCode } from './device';
import { data } from './data-manager.svelte';
import { clearAllDrafts } from './drafts';
import { PROFILE_KEY } from './stored-profile';
import { localDbName } from './local-db-name';
import { afterPaint } from './paint';
import { pwa } from './pwa-manager.svelte';
import { sync } from './sync-manager.svelte';

// A sign-out made offline still has to end the session on the server the next time it is reachable.
const LOGOUT_OWED_KEY = 'hd:logout-owed';
const WINDOW_KEY = 'hd:closed-window-days';

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
	#closedWindowDays = $state<number | null>(null);

	get user() {
		return this.#user;
	}
	/** How many days closed tickets stay on this device (the server's setting), once the server has said. */
	get closedWindowDays() {
		return this.#closedWindowDays;
	}
	/** The remembered profile has been read (the app knows whether someone is signed in). */
	get restored() {
		return this.#restored;
	}

	/** Reopens the app for the person who last signed in here, online or offline. */
	async restore(): Promise<void> {
		const profile = storedProfile();
		const days = Number.parseInt(localStorage.getItem(WINDOW_KEY) ?? '', 10);
		this.#closedWindowDays = Number.isNaN(days) ? null : days;
		if (profile) {
			this.#user = profile;
			// The first rows copied last time are shown before the database opens (PouchDB's loading waits for their frame).
			if (data.showRemembered(localDbName(profile.username))) {
				this.#restored = true;
				await afterPaint();
				try {
					await sync.start(profile.username);
				} catch (error) {
					// Shown already, the copied rows would look live over a database that never opened.
					console.error('The local database could not be opened:', error);
					data.failedToOpen(error);
					return;
				}
			} else await sync.start(profile.username);
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
		const { user: profile, closedWindowDays } = await api.login(username.trim().toLowerCase(), password);
		this.#rememberWindow(closedWindowDays);
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
		const reply = await api.me().catch(() => null);
		const profile = reply?.user;
		if (!reply || !profile || profile.username !== this.#user?.username) return;
		this.#rememberWindow(reply.closedWindowDays);
		localStorage.setItem(PROFILE_KEY, JSON.stringify(profile));
		this.#user = profile;
	}

	#rememberWindow(days: number): void {
		localStorage.setItem(WINDOW_KEY, String(days));
		this.#closedWindowDays = days;
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
