// Microphone capture (getUserMedia + an AudioWorklet) and WAV encoding, all in the browser.

/** 16-bit PCM mono WAV bytes for float samples in [-1, 1]. */
export function encodeWav(samples, sampleRate) {
  const bytes = new ArrayBuffer(44 + samples.length * 2);
  const v = new DataView(bytes);
  const text = (off, s) => { for (let i = 0; i < s.length; i++) v.setUint8(off + i, s.charCodeAt(i)); };
  text(0, 'RIFF');
  v.setUint32(4, 36 + samples.length * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  text(36, 'data');
  v.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    v.setInt16(44 + i * 2, s < 0 ? s * 32768 : s * 32767, true);
  }
  return new Blob([bytes], { type: 'audio/wav' });
}

/** 16-bit little-endian PCM of float samples (for the live stream). */
export function toInt16(samples) {
  const out = new Int16Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const s = Math.max(-1, Math.min(1, samples[i]));
    out[i] = s < 0 ? s * 32768 : s * 32767;
  }
  return out;
}

/** RMS level in dBFS of a block (for the input meter). */
export function levelDb(samples) {
  let s = 0;
  for (let i = 0; i < samples.length; i++) s += samples[i] * samples[i];
  const rms = Math.sqrt(s / Math.max(1, samples.length));
  return rms > 1e-6 ? 20 * Math.log10(rms) : -120;
}

/**
 * An open microphone. onBlock(Float32Array) receives mono blocks at this.sampleRate until
 * close() is called.
 */
export class Microphone {
  static async open(onBlock) {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      throw new Error('this browser cannot record audio here (it needs a secure context such as localhost or HTTPS)');
    }
    const stream = await navigator.mediaDevices.getUserMedia({
      audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
    const ctx = new AudioContext();
    await ctx.audioWorklet.addModule('capture-worklet.js');
    const source = ctx.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(ctx, 'capture');
    node.port.onmessage = (e) => onBlock(e.data);
    source.connect(node);
    // Some browsers only pull audio through a node that reaches the destination; keep it silent.
    const mute = ctx.createGain();
    mute.gain.value = 0;
    node.connect(mute).connect(ctx.destination);
    if (ctx.state === 'suspended') await ctx.resume();
    const mic = new Microphone();
    mic.stream = stream;
    mic.ctx = ctx;
    mic.node = node;
    mic.sampleRate = ctx.sampleRate;
    return mic;
  }

  async close() {
    this.node.port.onmessage = null;
    this.stream.getTracks().forEach((t) => t.stop());
    await this.ctx.close();
  }
}

/** Joins blocks into one array. */
export function concat(blocks) {
  const n = blocks.reduce((s, b) => s + b.length, 0);
  const out = new Float32Array(n);
  let o = 0;
  for (const b of blocks) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}
