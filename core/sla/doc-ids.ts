// The ids of the SLA documents, apart from their schemas: the device tells SLA documents in its changes feed from the
// rest before it has loaded the engine that parses them.

/** The district's business calendar. */
export const CALENDAR_ID = 'calendar:district';

/** Which policy the district's clocks run on. */
export const SLA_SETTINGS_ID = 'sla-settings:district';

/** Every policy's id starts so: `sla-policy:<id>`. */
export const SLA_POLICY_PREFIX = 'sla-policy:';
