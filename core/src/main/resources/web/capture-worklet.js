// Audio worklet: hands every block of microphone samples (mono, the context's rate) to the page.
class CaptureProcessor extends AudioWorkletProcessor {
  process(inputs) {
    const input = inputs[0];
    if (input && input.length > 0 && input[0].length > 0) {
      // Mix down to mono.
      const n = input[0].length;
      const mono = new Float32Array(n);
      for (const ch of input) {
        for (let i = 0; i < n; i++) mono[i] += ch[i] / input.length;
      }
      this.port.postMessage(mono, [mono.buffer]);
    }
    return true;
  }
}
registerProcessor('capture', CaptureProcessor);
