// The page: recording, live streaming, file drops, the probability bars, the circumplex and
// the art. Talks to the server's /api/predict, /api/model and /api/live (docs/API.md).
import { EmotionArt } from './art.js';
import { Microphone, concat, encodeWav, levelDb, toInt16 } from './audio.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
const MAX_RECORD_SECONDS = 30;
const TIMELINE_FROM_SECONDS = 6;
/** The art while no voice is heard: a quiet, inviting mix. */
const WAITING_MIX = { Calm: 0.55, Happy: 0.25, Surprise: 0.2 };
const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

const state = {
  params: null,
  classes: [],
  circumplex: {},
  art: null,
  mic: null,
  recording: null,
  live: null,
  preview: null,
  last: null,
  trail: [],
  timelineTimer: null,
};

function setStatus(text, isError = false) {
  const s = $('status');
  s.textContent = text;
  s.classList.toggle('error', isError);
}

function pct(p) {
  return `${(100 * p).toFixed(p >= 0.995 || p < 0.0005 ? 0 : 1)}%`;
}

function signed(v) {
  return (v >= 0 ? '+' : '−') + Math.abs(v).toFixed(2);
}

function colorOf(label) {
  const e = state.params.emotions[label];
  return e ? e.palette[0] : '#cccccc';
}

// ---------- building the panel ----------

function buildBars() {
  const ul = $('bars');
  ul.replaceChildren();
  for (const label of state.classes) {
    const li = document.createElement('li');
    li.className = 'bar-row';
    li.dataset.emotion = label;
    const name = document.createElement('span');
    name.className = 'bar-name';
    name.textContent = label;
    name.id = `bar-name-${label}`;
    const track = document.createElement('div');
    track.className = 'bar-track';
    track.setAttribute('role', 'meter');
    track.setAttribute('aria-valuemin', '0');
    track.setAttribute('aria-valuemax', '100');
    track.setAttribute('aria-valuenow', '0');
    track.setAttribute('aria-labelledby', name.id);
    const fill = document.createElement('div');
    fill.className = 'bar-fill';
    fill.style.background = `linear-gradient(90deg, ${state.params.emotions[label]?.palette[3] ?? '#888'}, ${colorOf(label)})`;
    track.append(fill);
    const value = document.createElement('span');
    value.className = 'bar-value';
    value.textContent = '–';
    li.append(name, track, value);
    ul.append(li);
  }
}

function svg(tag, attrs, parent) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (parent) parent.append(el);
  return el;
}

function buildCircumplex() {
  const root = $('circumplex');
  const title = root.querySelector('title');
  root.replaceChildren(title);
  svg('circle', { class: 'ring', cx: 0, cy: 0, r: 100 }, root);
  svg('line', { class: 'axis', x1: -100, y1: 0, x2: 100, y2: 0 }, root);
  svg('line', { class: 'axis', x1: 0, y1: -100, x2: 0, y2: 100 }, root);
  const axis = (text, x, y, anchor) => {
    const t = svg('text', { class: 'axis-label', x, y, 'text-anchor': anchor }, root);
    t.textContent = text;
  };
  axis('pleasant →', 96, -5, 'end');
  axis('← unpleasant', -96, -5, 'start');
  axis('↑ high arousal', 5, -56, 'start');
  axis('↓ low arousal', 5, 62, 'start');
  for (const label of state.classes) {
    const c = state.circumplex[label];
    if (!c) continue;
    svg('circle', { class: 'class-dot', cx: c.valence * 100, cy: -c.arousal * 100, r: 4.5, fill: colorOf(label) }, root);
    const len = Math.hypot(c.valence, c.arousal) || 1;
    if (len < 0.6) {
      // A class inside the ring (Neutral, near the centre) is labelled beside its dot.
      const t = svg('text', { class: 'class-label', x: (c.valence * 100 + 8).toFixed(1), y: (-c.arousal * 100 + 3.5).toFixed(1), 'text-anchor': 'start' }, root);
      t.textContent = label;
      continue;
    }
    // Labels sit outside the ring along each class's direction.
    const ux = c.valence / len;
    const uy = -c.arousal / len;
    const anchor = ux > 0.25 ? 'start' : ux < -0.25 ? 'end' : 'middle';
    const t = svg('text', { class: 'class-label', x: (ux * 110).toFixed(1), y: (uy * 110 + 3.5 + uy * 4).toFixed(1), 'text-anchor': anchor }, root);
    t.textContent = label;
  }
  svg('polyline', { class: 'trail', id: 'av-trail', points: '' }, root);
  svg('circle', { class: 'halo', id: 'av-halo', cx: 0, cy: 0, r: 11, visibility: 'hidden' }, root);
  svg('circle', { class: 'point', id: 'av-point', cx: 0, cy: 0, r: 5.5, visibility: 'hidden' }, root);
}

function buildExplore() {
  const box = $('explore');
  box.replaceChildren();
  for (const label of state.classes) {
    if (!state.params.emotions[label]) continue;
    const b = document.createElement('button');
    b.type = 'button';
    b.setAttribute('aria-pressed', 'false');
    b.dataset.emotion = label;
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.background = colorOf(label);
    sw.setAttribute('aria-hidden', 'true');
    b.append(sw, document.createTextNode(label));
    b.title = state.params.emotions[label].mood;
    b.addEventListener('click', () => togglePreview(label));
    box.append(b);
  }
}

// ---------- showing a prediction ----------

/** Silence or noise: no emotion is claimed; the bars empty and the art waits for a voice. */
function showNoVoice(pred, source) {
  state.last = null;
  for (const li of $('bars').children) {
    li.querySelector('.bar-fill').style.width = '0%';
    li.querySelector('.bar-value').textContent = '—';
    li.querySelector('.bar-track').setAttribute('aria-valuenow', '0');
    li.querySelector('.bar-track').setAttribute('aria-valuetext', `${li.dataset.emotion}: no voice`);
    li.classList.remove('top');
  }
  const verdict = $('verdict');
  verdict.replaceChildren();
  verdict.dataset.state = 'no-voice';
  const strong = document.createElement('strong');
  strong.textContent = 'No voice heard';
  verdict.append(strong, document.createTextNode(` · ${pred.reason || 'silence or noise'}${source ? ` · ${source}` : ''}`));
  $('av-text').textContent = 'valence —, arousal —';
  if (!state.preview) {
    state.art.setMix(WAITING_MIX);
    $('caption-emotion').textContent = 'No voice heard';
    $('caption-mood').textContent = 'silence or noise has no emotion';
  }
}

function showPrediction(pred, source) {
  if (pred.voice === false) {
    showNoVoice(pred, source);
    return;
  }
  state.last = pred;
  const probs = pred.probabilities;
  for (const li of $('bars').children) {
    const label = li.dataset.emotion;
    const p = probs[label] ?? 0;
    li.querySelector('.bar-fill').style.width = `${(100 * p).toFixed(1)}%`;
    li.querySelector('.bar-value').textContent = pct(p);
    li.querySelector('.bar-track').setAttribute('aria-valuenow', (100 * p).toFixed(1));
    li.querySelector('.bar-track').setAttribute('aria-valuetext', `${label} ${pct(p)}`);
    li.classList.toggle('top', label === pred.top);
  }
  const verdict = $('verdict');
  verdict.replaceChildren();
  const sure = pred.sure !== false;
  verdict.dataset.state = sure ? 'sure' : 'not-sure';
  const strong = document.createElement('strong');
  strong.textContent = sure ? pred.top : `Not sure · maybe ${pred.top}`;
  verdict.append(strong, document.createTextNode(` · ${pct(probs[pred.top] ?? 0)}${source ? ` · ${source}` : ''}`));
  $('av-text').textContent = `valence ${signed(pred.valence)}, arousal ${signed(pred.arousal)}`;
  moveCircumplexPoint(pred.valence, pred.arousal);
  if (!state.preview) showArt(probs, pred.top);
}

function moveCircumplexPoint(valence, arousal) {
  const x = valence * 100;
  const y = -arousal * 100;
  for (const id of ['av-point', 'av-halo']) {
    const el = $(id);
    el.setAttribute('cx', x.toFixed(1));
    el.setAttribute('cy', y.toFixed(1));
    el.setAttribute('visibility', 'visible');
  }
  state.trail.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  if (state.trail.length > 14) state.trail.shift();
  $('av-trail').setAttribute('points', state.trail.join(' '));
  const q = `${valence >= 0 ? 'pleasant' : 'unpleasant'}, ${arousal >= 0 ? 'high' : 'low'} arousal`;
  $('circumplex').querySelector('title').textContent =
    `Russell's circumplex: valence ${signed(valence)}, arousal ${signed(arousal)} (${q})`;
}

function showArt(mix, top) {
  const art = state.art;
  art.setMix(mix);
  const mood = state.params.emotions[top]?.mood ?? '';
  $('caption-emotion').textContent = top;
  $('caption-mood').textContent = mood;
  $('art').setAttribute('aria-label', `Generative art for ${top}: ${mood}`);
  if (!art.running) {
    art.settle();
    art.advance(180);
  }
}

function togglePreview(label) {
  const same = state.preview === label;
  state.preview = same ? null : label;
  for (const b of $('explore').children) b.setAttribute('aria-pressed', String(b.dataset.emotion === state.preview));
  if (state.preview) {
    showArt({ [label]: 1 }, label);
    $('caption-mood').textContent = `${state.params.emotions[label].mood} · preview`;
    setStatus(`Showing the art of ${label}. Press ${label} again to return to your voice.`);
  } else if (state.last) {
    showArt(state.last.probabilities, state.last.top);
    setStatus('Back to your voice.');
  } else {
    setStatus('Preview off.');
  }
}

function clearPreview() {
  if (state.preview) togglePreview(state.preview);
}

// ---------- uploads ----------

/** The duration of a PCM WAV from its header, or null if it cannot tell. */
function wavSeconds(buffer) {
  const v = new DataView(buffer);
  if (v.byteLength < 12 || v.getUint32(0) !== 0x52494646 || v.getUint32(8) !== 0x57415645) return null;
  let off = 12;
  let byteRate = 0;
  while (off + 8 <= v.byteLength) {
    const id = v.getUint32(off);
    const size = v.getUint32(off + 4, true);
    if (id === 0x666d7420 && off + 20 <= v.byteLength) byteRate = v.getUint32(off + 16, true);
    if (id === 0x64617461) return byteRate > 0 ? Math.min(size, v.byteLength - off - 8) / byteRate : null;
    off += 8 + size + (size & 1);
  }
  return null;
}

async function predictWav(blob, name) {
  const buffer = await blob.arrayBuffer();
  const seconds = wavSeconds(buffer);
  const query = seconds && seconds > TIMELINE_FROM_SECONDS ? '?window=2.5&hop=0.5' : '';
  setStatus(`Listening to ${name}${seconds ? ` (${seconds.toFixed(1)} s)` : ''}…`);
  let res;
  try {
    res = await fetch(`api/predict${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'audio/wav', 'X-File-Name': name.replace(/[^\x20-\x7e]/g, '_') },
      body: buffer,
    });
  } catch (e) {
    setStatus(`Could not reach the server: ${e.message}`, true);
    return;
  }
  let body;
  try {
    body = await res.json();
  } catch (e) {
    setStatus(`The server answered ${res.status} without JSON.`, true);
    return;
  }
  if (!res.ok) {
    setStatus(body.error || `The server answered ${res.status}.`, true);
    return;
  }
  clearPreview();
  state.trail = [];
  if (body.timeline && body.timeline.length > 1) {
    playTimeline(body);
  } else {
    showPrediction(body, name);
  }
  setStatus(body.voice === false ? `${name}: no voice heard (${body.reason}), ${body.durationSeconds.toFixed(1)} s.`
    : `${name}: ${body.sure === false ? 'not sure, maybe ' : ''}${body.top} (${pct(body.probabilities[body.top])}), `
      + `${body.durationSeconds.toFixed(1)} s.`);
}

/** Walks the art and the point through a clip's smoothed timeline in real time, then settles. */
function playTimeline(clip) {
  clearInterval(state.timelineTimer);
  let i = 0;
  const points = clip.timeline;
  const hop = points.length > 1 ? points[1].start - points[0].start : 0.5;
  const step = () => {
    if (i < points.length) {
      showPrediction(points[i], `${points[i].start.toFixed(1)}–${points[i].end.toFixed(1)} s`);
      i++;
    } else {
      clearInterval(state.timelineTimer);
      showPrediction(clip, `${clip.file}, whole clip`);
    }
  };
  step();
  state.timelineTimer = setInterval(step, Math.max(200, hop * 1000));
}

// ---------- recording ----------

function setLevel(db) {
  $('level-bar').style.width = `${Math.max(0, Math.min(100, ((db + 60) / 60) * 100)).toFixed(0)}%`;
}

async function toggleRecord() {
  if (state.recording) {
    await stopRecording();
    return;
  }
  if (state.live) await stopLive();
  const blocks = [];
  let samples = 0;
  try {
    state.mic = await Microphone.open((block) => {
      blocks.push(block);
      samples += block.length;
      setLevel(levelDb(block));
      const secs = samples / state.mic.sampleRate;
      $('clock').textContent = `${secs.toFixed(1)} s`;
      if (secs >= MAX_RECORD_SECONDS && state.recording) stopRecording();
    });
  } catch (e) {
    setStatus(`Microphone unavailable: ${e.message}`, true);
    return;
  }
  state.recording = { blocks };
  const b = $('record');
  b.setAttribute('aria-pressed', 'true');
  b.querySelector('.label').textContent = 'Stop';
  setStatus(`Recording… speak for a few seconds, then press Stop (up to ${MAX_RECORD_SECONDS} s).`);
}

async function stopRecording() {
  const rec = state.recording;
  if (!rec) return;
  state.recording = null;
  const mic = state.mic;
  state.mic = null;
  const b = $('record');
  b.setAttribute('aria-pressed', 'false');
  b.querySelector('.label').textContent = 'Record';
  setLevel(-120);
  await mic.close();
  const audio = concat(rec.blocks);
  if (audio.length < mic.sampleRate * 0.3) {
    setStatus('That was too short: record at least half a second.', true);
    return;
  }
  await predictWav(encodeWav(audio, mic.sampleRate), 'recording.wav');
}

// ---------- live ----------

async function toggleLive() {
  if (state.live) {
    await stopLive();
    return;
  }
  if (state.recording) await stopRecording();
  const url = new URL('api/live', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const live = { ws, pending: [], pendingSamples: 0, seconds: 0 };
  state.live = live;
  const b = $('live');
  b.setAttribute('aria-pressed', 'true');
  b.querySelector('.label').textContent = 'Stop live';
  ws.onmessage = (e) => onLiveMessage(JSON.parse(e.data));
  ws.onclose = (e) => {
    if (state.live === live) {
      stopLive();
      if (e.code !== 1000) setStatus(`Live connection closed${e.reason ? `: ${e.reason}` : ''}.`, e.code !== 1000);
    }
  };
  ws.onerror = () => setStatus('Live connection failed.', true);
  try {
    await new Promise((resolve, reject) => {
      ws.addEventListener('open', resolve, { once: true });
      ws.addEventListener('close', () => reject(new Error('the server closed the connection')), { once: true });
    });
    state.mic = await Microphone.open((block) => onLiveBlock(live, block));
  } catch (e) {
    setStatus(`Live mode unavailable: ${e.message}`, true);
    await stopLive();
    return;
  }
  ws.send(JSON.stringify({ type: 'start', sampleRate: state.mic.sampleRate, encoding: 's16le' }));
  clearPreview();
  state.trail = [];
  setStatus('Live: speak, and watch the picture follow you.');
}

function onLiveBlock(live, block) {
  if (state.live !== live || !state.mic) return;
  live.pending.push(block);
  live.pendingSamples += block.length;
  live.seconds += block.length / state.mic.sampleRate;
  $('clock').textContent = `${live.seconds.toFixed(1)} s`;
  // Send about ten frames a second.
  if (live.pendingSamples >= state.mic.sampleRate / 10 && live.ws.readyState === WebSocket.OPEN) {
    const pcm = concat(live.pending);
    setLevel(levelDb(pcm));
    live.ws.send(toInt16(pcm).buffer);
    live.pending = [];
    live.pendingSamples = 0;
  }
}

/** The live session's adaptation to the speaker's voice, from the server's "adaptation" field. */
function showAdaptation(a) {
  const el = $('adapt');
  if (!a || !a.supported) {
    el.hidden = true;
    return;
  }
  el.hidden = false;
  el.dataset.state = a.adapting ? 'adapting' : 'learning';
  el.textContent = a.adapting
    ? `Adapting to your voice (${a.secondsHeard.toFixed(0)} s heard, ${(100 * a.weight).toFixed(0)}% your own statistics).`
    : `Learning your voice: ${a.secondsHeard.toFixed(0)} of ${a.startsAfterSeconds.toFixed(0)} s of speech heard.`;
}

function onLiveMessage(m) {
  if (m.type === 'prediction') {
    showPrediction(m, `live, ${m.time.toFixed(1)} s`);
    showAdaptation(m.adaptation);
    $('status').textContent = m.voice === false ? 'Live: no voice heard.'
      : `Live: ${m.sure === false ? 'not sure, maybe ' : ''}${m.top}.`;
  } else if (m.type === 'quiet') {
    setStatus('Live: too quiet to hear an emotion; speak up.');
  } else if (m.type === 'error') {
    setStatus(m.error, true);
  }
}

async function stopLive() {
  const live = state.live;
  if (!live) return;
  state.live = null;
  const b = $('live');
  b.setAttribute('aria-pressed', 'false');
  b.querySelector('.label').textContent = 'Go live';
  setLevel(-120);
  if (state.mic) {
    const mic = state.mic;
    state.mic = null;
    await mic.close();
  }
  if (live.ws.readyState <= WebSocket.OPEN) live.ws.close(1000, 'done');
  setStatus('Live stopped.');
}

// ---------- files, motion, saving, keys ----------

function wireFiles() {
  const input = $('file');
  const drop = $('drop');
  input.addEventListener('change', () => {
    if (input.files.length) predictWav(input.files[0], input.files[0].name);
    input.value = '';
  });
  for (const ev of ['dragenter', 'dragover']) {
    document.addEventListener(ev, (e) => {
      e.preventDefault();
      drop.classList.add('over');
    });
  }
  for (const ev of ['dragleave', 'drop']) {
    document.addEventListener(ev, (e) => {
      e.preventDefault();
      drop.classList.remove('over');
    });
  }
  document.addEventListener('drop', (e) => {
    const f = e.dataTransfer && e.dataTransfer.files[0];
    if (f) predictWav(f, f.name);
  });
}

function togglePause() {
  const b = $('pause');
  if (state.art.running) {
    state.art.stop();
    b.setAttribute('aria-pressed', 'true');
    b.textContent = 'Resume motion';
  } else {
    state.art.start();
    b.setAttribute('aria-pressed', 'false');
    b.textContent = 'Pause motion';
  }
}

function savePicture() {
  $('art').toBlob((blob) => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `empathic-art-${(state.preview || state.last?.top || 'voice').toLowerCase()}.png`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }, 'image/png');
}

function wireKeys() {
  document.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.target.closest('input, textarea, select')) return;
    const key = e.key.toLowerCase();
    if (key === 'r') { e.preventDefault(); toggleRecord(); }
    else if (key === 'l') { e.preventDefault(); toggleLive(); }
    else if (key === 'p') { e.preventDefault(); togglePause(); }
  });
}

async function main() {
  const [params, model] = await Promise.all([
    fetch('art-params.json').then((r) => r.json()),
    fetch('api/model').then((r) => (r.ok ? r.json() : null)).catch(() => null),
  ]);
  state.params = params;
  // Without a model's list, every class the art knows (the release model's eight, Neutral included).
  state.classes = model?.classes ?? Object.keys(params.emotions);
  state.circumplex = model?.circumplex ?? {};
  if (model?.name) $('model-name').textContent = `Model: ${model.name}.`;
  buildBars();
  buildCircumplex();
  buildExplore();
  const seed = (Date.now() % 100000) | 0;
  state.art = new EmotionArt($('art'), params, seed);
  // Waiting for a voice: a quiet, inviting mix.
  state.art.setMix(WAITING_MIX);
  state.art.settle();
  if (reducedMotion) {
    state.art.advance(180);
    $('pause').setAttribute('aria-pressed', 'true');
    $('pause').textContent = 'Resume motion';
  } else {
    state.art.start();
  }
  let resizeTimer;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => state.art.resize(), 150);
  });
  $('record').addEventListener('click', toggleRecord);
  $('live').addEventListener('click', toggleLive);
  $('pause').addEventListener('click', togglePause);
  $('save').addEventListener('click', savePicture);
  wireFiles();
  wireKeys();
  document.body.dataset.ready = 'true';
}

main().catch((e) => setStatus(`The page failed to start: ${e.message}`, true));
