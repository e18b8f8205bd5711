/**
 * A short two-tone beep when a tile with `sound: true` enters alert — made with Web Audio, so
 * there is no file to load. Browsers allow sound only after a user gesture or with the kiosk
 * flag `--autoplay-policy=no-user-gesture-required` (docs/wallboard.md); without either the
 * beep is silently skipped and the flashing border still shows the breach.
 */
let context: AudioContext | undefined;

export function beep(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    const start = context.currentTime;
    for (const [i, frequency] of [880, 660].entries()) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.25, start + i * 0.25);
      gain.gain.exponentialRampToValueAtTime(0.001, start + i * 0.25 + 0.22);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(start + i * 0.25);
      oscillator.stop(start + i * 0.25 + 0.24);
    }
  } catch {
    // No audio device on this screen: the border still flashes.
  }
}
