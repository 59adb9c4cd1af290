import { RECORD_ACTIONS } from '../config/allowed-values';
import { readField } from '../config/event-fields';
import { allowedList, type FieldError } from '../config/field-error';

/** What the toggle was asked to do. `start`/`stop` are the widget's on/off switch. */
export type ToggleAction = 'start' | 'stop' | 'pause' | 'resume';

const BY_RECORD_VALUE: Record<(typeof RECORD_ACTIONS)[number], ToggleAction> = {
  true: 'start',
  false: 'stop',
  pause: 'pause',
  resume: 'resume',
};

/** The status the Recordings API is asked to move a recording to, for each update action. */
export const TARGET_STATUS = { stop: 'stopped', pause: 'paused', resume: 'in-progress' } as const;

export function parseToggleAction(
  event: Record<string, unknown>,
): { action: ToggleAction; error?: undefined } | { action?: undefined; error: FieldError } {
  const read = readField(event, 'Record');
  if (read.error) return { error: read.error };
  const key = read.value?.toLowerCase() as keyof typeof BY_RECORD_VALUE | undefined;
  if (key !== undefined && Object.prototype.hasOwnProperty.call(BY_RECORD_VALUE, key)) {
    return { action: BY_RECORD_VALUE[key] };
  }
  return {
    error: {
      field: 'Record',
      message: `${read.value === undefined ? 'is required' : `'${read.value}' is not allowed`}; use one of ${allowedList(RECORD_ACTIONS)}`,
    },
  };
}
