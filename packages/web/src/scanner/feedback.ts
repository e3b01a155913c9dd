/**
 * Sound and vibration per scan result, where the device supports them, told apart without looking:
 * admitted is one long beep and a vibration; any refusal is three short low beeps.
 */

let audio: AudioContext | null = null;

interface Beep {
  frequency: number;
  /** Seconds after the first beep starts. */
  at: number;
  duration: number;
}

const ADMITTED: { beeps: Beep[]; vibrate: number[] } = { beeps: [{ frequency: 880, at: 0, duration: 0.5 }], vibrate: [250] };
const REFUSED: { beeps: Beep[]; vibrate: number[] } = {
  beeps: [0, 0.18, 0.36].map((at) => ({ frequency: 260, at, duration: 0.12 })),
  vibrate: [90, 60, 90, 60, 90],
};

export function signalResult(result: string): void {
  const signal = result === 'admitted' ? ADMITTED : REFUSED;
  navigator.vibrate?.(signal.vibrate);
  try {
    audio ??= new AudioContext();
    void audio.resume();
    for (const beep of signal.beeps) {
      const start = audio.currentTime + beep.at;
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.frequency.value = beep.frequency;
      gain.gain.setValueAtTime(0.2, start);
      gain.gain.exponentialRampToValueAtTime(0.001, start + beep.duration);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(start);
      oscillator.stop(start + beep.duration);
    }
  } catch {
    // No audio output (or blocked until a tap): the screen still shows the result.
  }
}
