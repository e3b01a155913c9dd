import type { CheckInResult } from '../api/shapes.js';

/** A short tone and vibration per scan result, where the device supports them. */

let audio: AudioContext | null = null;

const TONES: Record<CheckInResult, { frequency: number; duration: number; vibrate: number[] }> = {
  admitted: { frequency: 880, duration: 0.15, vibrate: [80] },
  already_used: { frequency: 440, duration: 0.35, vibrate: [120, 80, 120] },
  invalid: { frequency: 220, duration: 0.5, vibrate: [300] },
  wrong_event: { frequency: 220, duration: 0.5, vibrate: [300] },
  cancelled: { frequency: 220, duration: 0.5, vibrate: [300] },
  not_on_list: { frequency: 220, duration: 0.5, vibrate: [300] },
};

export function signalResult(result: CheckInResult): void {
  const tone = TONES[result];
  navigator.vibrate?.(tone.vibrate);
  try {
    audio ??= new AudioContext();
    void audio.resume();
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = tone.frequency;
    gain.gain.setValueAtTime(0.2, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + tone.duration);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + tone.duration);
  } catch {
    // No audio output (or blocked until a tap): the screen still shows the result.
  }
}
