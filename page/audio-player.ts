// A recording's audio, fetched only when the reader asks: the bytes become a Blob behind an
// <audio> element and, decoded with Web Audio, a waveform. Players outlive a refresh of the
// list, so that a poll never stops what someone is listening to.
import type { RecordingView } from '../src/dashboard/view';
import type { Result } from '../src/result';
import type { Failure } from './answers';
import { element } from './dom';
import { renderWaveform } from './waveform-view';

export interface AudioFile {
  bytes: ArrayBuffer;
  contentType: string;
}

export type FetchAudio = (path: string) => Promise<Result<AudioFile, Failure>>;

export class AudioPlayers {
  private readonly slots = new Map<string, HTMLElement>();
  private readonly objectUrls: string[] = [];
  private decoder: AudioContext | undefined;

  constructor(
    private readonly fetchAudio: FetchAudio,
    private readonly onUnauthorized: () => void,
  ) {}

  /** The recording's player (the same element across refreshes), or undefined without audio. */
  slotFor(recording: RecordingView): HTMLElement | undefined {
    if (!recording.audio) return undefined;
    const existing = this.slots.get(recording.sid);
    if (existing) return existing;
    const slot = this.createSlot(recording.sid, recording.audio);
    this.slots.set(recording.sid, slot);
    return slot;
  }

  /** Forgets every player and frees its audio (signing out, or another filter). */
  clear(): void {
    for (const url of this.objectUrls.splice(0)) URL.revokeObjectURL(url);
    this.slots.clear();
  }

  private createSlot(sid: string, audio: NonNullable<RecordingView['audio']>): HTMLElement {
    const button = element(
      'button',
      {
        className: 'load-audio',
        attributes: { type: 'button', 'aria-label': `Load the audio of ${sid}` },
      },
      'Load audio',
    );
    const message = element('p', { className: 'player-message', attributes: { role: 'status' } });
    const slot = element('div', { className: 'player' }, button, message);
    button.addEventListener('click', () => {
      void this.load(sid, slot, button, message, audio);
    });
    return slot;
  }

  private async load(
    sid: string,
    slot: HTMLElement,
    button: HTMLButtonElement,
    message: HTMLElement,
    audio: NonNullable<RecordingView['audio']>,
  ): Promise<void> {
    button.disabled = true;
    button.textContent = 'Loading…';
    message.textContent = '';
    message.classList.remove('error');
    const fetched = await this.fetchAudio(audio.path);
    if (!fetched.ok) {
      if (fetched.error.kind === 'unauthorized') {
        this.onUnauthorized();
        return;
      }
      message.textContent = fetched.error.message;
      message.classList.add('error');
      button.disabled = false;
      button.textContent = 'Try again';
      return;
    }
    const type = fetched.value.contentType || audio.contentType;
    // The Blob copies the bytes now: decoding below takes the ArrayBuffer away.
    const url = URL.createObjectURL(new Blob([fetched.value.bytes], { type }));
    this.objectUrls.push(url);
    const player = element('audio', {
      attributes: { controls: '', preload: 'metadata', src: url, 'aria-label': `Recording ${sid}` },
    });
    button.remove();
    slot.insertBefore(player, message);
    try {
      const decoded = await this.audioDecoder().decodeAudioData(fetched.value.bytes);
      slot.insertBefore(renderWaveform(decoded), message);
    } catch (error) {
      message.textContent = `The waveform could not be drawn: ${error instanceof Error ? error.message : String(error)}`;
      message.classList.add('error');
    }
  }

  /** One context for every recording: browsers limit how many a page may open. */
  private audioDecoder(): AudioContext {
    this.decoder ??= new AudioContext();
    return this.decoder;
  }
}
